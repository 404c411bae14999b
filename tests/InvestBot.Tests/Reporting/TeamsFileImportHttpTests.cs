using System.Text;
using InvestBot.Reporting;
using InvestBot.Reporting.Bot;
using InvestBot.Tests.Infrastructure;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>
/// 导入目标 with a file sent in the Teams client: the file arrives as a file.download.info attachment whose download URL
/// the loopback connector serves (Teams' pre-authorised SharePoint/OneDrive link in production).
/// </summary>
[Trait("Category", "Http")]
public sealed class TeamsFileImportHttpTests : ReportingBotTestBase
{
    private const string Table = "单位,内资产业项目（总投资超500万元）,domesticCapital\n潮阳街道,10,50000\n宝平街道,8,\n";

    private AnnualTargetStore Targets => App.Service<AnnualTargetStore>();

    static TeamsFileImportHttpTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>What Teams puts in the activity for a file in the personal chat; <paramref name="bytes"/> null: the link is dead.</summary>
    private Attachment TeamsFile(string name, byte[]? bytes, string? fileType = null)
    {
        var path = Guid.NewGuid().ToString("N") + Path.GetExtension(name);
        if (bytes is not null) Connector.Files[path] = bytes;
        return new Attachment
        {
            ContentType = AttachedTableReader.TeamsFileDownloadInfo,
            Name = name,
            Content = new JObject
            {
                ["downloadUrl"] = Connector.ServiceUrl + "files/" + path,
                ["uniqueId"] = Guid.NewGuid().ToString(),
                ["fileType"] = fileType ?? Path.GetExtension(name).TrimStart('.'),
            },
        };
    }

    /// <summary>Teams repeats the typed text as an HTML attachment next to the file.</summary>
    private static Attachment TypedText(string text) => new() { ContentType = "text/html", Content = $"<p>{text}</p>" };

    private Task<IReadOnlyList<Activity>> SendAsync(params Attachment[] attachments) =>
        Bot.SayAsync("导入目标 2023", TestUser.Admin, attachments: attachments.ToList());

    [Fact]
    public async Task A_csv_saved_by_excel_on_chinese_windows_in_GB18030_is_imported()
    {
        var replies = await SendAsync(TypedText("导入目标 2023"), TeamsFile("2023年度目标.csv", Encoding.GetEncoding("GB18030").GetBytes(Table)));

        Assert.Contains("已导入 2 个单位的 2023 年度目标", BotClient.AllText(replies));
        var year = await Targets.GetYearAsync(2023);
        Assert.Equal((10m, 50000m, 8m), (year[Chaoyang]["domesticProjects"], year[Chaoyang]["domesticCapital"], year["town-baoping"]["domesticProjects"]));
    }

    [Fact]
    public async Task A_csv_in_UTF8_with_a_byte_order_mark_is_imported()
    {
        var replies = await SendAsync(TeamsFile("targets.csv", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Table)).ToArray()));

        Assert.Contains("已导入 2 个单位", BotClient.AllText(replies));
        Assert.Equal(2, (await Targets.GetYearAsync(2023)).Count);
    }

    [Theory]
    [InlineData("说明.docx", "只支持 .xlsx 或 .csv 文件")]
    [InlineData("damaged.xlsx", "无法读取文件“damaged.xlsx”")]
    [InlineData("dead-link.xlsx", "文件“dead-link.xlsx”下载失败")]
    [InlineData("huge.csv", "超过 2 MB")]
    public async Task A_file_that_cannot_be_used_is_explained_and_changes_nothing(string name, string message)
    {
        await Targets.SetAsync(2023, Chaoyang, new Dictionary<string, decimal> { ["domesticProjects"] = 9 }, "admin");
        var bytes = name switch
        {
            "dead-link.xlsx" => null,
            "huge.csv" => Encoding.UTF8.GetBytes(Table + string.Concat(Enumerable.Repeat("宝平街道,8,\n", 200_000))),
            _ => Encoding.UTF8.GetBytes("PK this is not a workbook"),
        };

        var text = BotClient.AllText(await SendAsync(TeamsFile(name, bytes)));

        Assert.Contains(message, Infrastructure.CardMarkdown.Shown(text)); // the file name is shown literally
        Assert.Contains("没有任何目标被修改", text);
        Assert.DoesNotContain("Exception", text);
        Assert.Equal(9m, Assert.Single(await Targets.GetUnitAsync(2023, Chaoyang)).Value);
        Assert.Single(await Targets.GetYearAsync(2023));
    }

    [Fact]
    public async Task Without_a_file_or_a_pasted_table_the_admin_is_told_how_to_import()
    {
        var text = BotClient.AllText(await SendAsync(TypedText("导入目标 2023")));

        Assert.Contains("随消息附上 .xlsx / .csv 文件", text);
        Assert.Empty(await Targets.GetYearAsync(2023));
    }

    [Fact]
    public async Task A_reporter_sending_a_file_imports_nothing()
    {
        var reporter = TestUser.Named("张三");
        await BindAsync(reporter, Chaoyang);

        await Bot.SayAsync("导入目标 2023", reporter, attachments: [TeamsFile("targets.csv", Encoding.UTF8.GetBytes(Table))]);

        Assert.Empty(await Targets.GetYearAsync(2023));
    }
}
