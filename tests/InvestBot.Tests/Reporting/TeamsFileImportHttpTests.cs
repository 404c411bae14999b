using System.Text;
using InvestBot.Reporting;
using InvestBot.Reporting.Bot;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>
/// 导入目标 with a file sent in the Teams client: the file arrives as a file.download.info attachment whose download URL
/// is Teams' pre-authorised SharePoint/OneDrive link; the loopback connector serves it (<see cref="SharePointLoopback"/>).
/// Crafted files and URLs are refused in Chinese, change nothing, and the bot keeps answering.
/// </summary>
[Trait("Category", "Http")]
public sealed class TeamsFileImportHttpTests : ReportingBotTestBase
{
    private const string Table = "单位,内资产业项目（总投资超500万元）,domesticCapital\n潮阳街道,10,50000\n宝平街道,8,\n";

    private AnnualTargetStore Targets => App.Service<AnnualTargetStore>();

    static TeamsFileImportHttpTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient(AttachedTableReader.HttpClientName).AddHttpMessageHandler(() => new SharePointLoopback(Connector.ServiceUrl));

    /// <summary>What Teams puts in the activity for a file in the personal chat; <paramref name="bytes"/> null: the link is dead.</summary>
    private Attachment TeamsFile(string name, byte[]? bytes, string? fileType = null) =>
        TeamsFileAt(name, NewFile(name, bytes), fileType);

    /// <summary>A file name on the fake host, serving <paramref name="bytes"/> when given.</summary>
    private string NewFile(string name, byte[]? bytes = null)
    {
        var path = Guid.NewGuid().ToString("N") + Path.GetExtension(name);
        if (bytes is not null) Connector.Files[path] = bytes;
        return path;
    }

    private static Attachment TeamsFileAt(string name, string path, string? fileType = null, string? baseUrl = null) =>
        new()
        {
            ContentType = AttachedTableReader.TeamsFileDownloadInfo,
            Name = name,
            Content = new JObject
            {
                ["downloadUrl"] = (baseUrl ?? SharePointLoopback.BaseUrl) + "files/" + path,
                ["uniqueId"] = Guid.NewGuid().ToString(),
                ["fileType"] = fileType ?? Path.GetExtension(name).TrimStart('.'),
            },
        };

    /// <summary>Teams repeats the typed text as an HTML attachment next to the file.</summary>
    private static Attachment TypedText(string text) => new() { ContentType = "text/html", Content = $"<p>{text}</p>" };

    private Task<IReadOnlyList<Activity>> SendAsync(params Attachment[] attachments) =>
        Bot.SayAsync("导入目标 2023", TestUser.Admin, attachments: attachments.ToList());

    [Fact]
    public async Task A_csv_saved_by_excel_on_chinese_windows_in_GB18030_is_imported()
    {
        var replies = await SendAsync(TypedText("导入目标 2023"), TeamsFile("2023年度目标.csv", Encoding.GetEncoding("GB18030").GetBytes(Table)));

        Assert.Contains("已导入 2 个单位的 2023 年度目标", CardMarkdown.Shown(BotClient.AllText(replies)));
        var year = await Targets.GetYearAsync(2023);
        Assert.Equal((10m, 50000m, 8m), (year[Chaoyang]["domesticProjects"], year[Chaoyang]["domesticCapital"], year["town-baoping"]["domesticProjects"]));
    }

    [Fact]
    public async Task A_csv_in_UTF8_with_a_byte_order_mark_is_imported()
    {
        var replies = await SendAsync(TeamsFile("targets.csv", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Table)).ToArray()));

        Assert.Contains("已导入 2 个单位", CardMarkdown.Shown(BotClient.AllText(replies)));
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

        var text = CardMarkdown.Shown(BotClient.AllText(await SendAsync(TeamsFile(name, bytes))));

        Assert.Contains(message, Infrastructure.CardMarkdown.Shown(text)); // the file name is shown literally
        Assert.Contains("没有任何目标被修改", text);
        Assert.DoesNotContain("Exception", text);
        Assert.Equal(9m, Assert.Single(await Targets.GetUnitAsync(2023, Chaoyang)).Value);
        Assert.Single(await Targets.GetYearAsync(2023));
    }

    [Theory]
    [InlineData("导入目标 2023")]
    [InlineData("导入填报人")]
    public async Task A_file_named_as_markdown_is_named_literally(string command)
    {
        var name = CardMarkdown.Link + ".docx";

        var text = BotClient.AllText(await Bot.SayAsync(command, TestUser.Admin, attachments: [TeamsFile(name, Encoding.UTF8.GetBytes(Table))]));

        Assert.Contains($"“{CardText.Literal(name)}”", text);
        CardMarkdown.AssertNoLiveMarkdown(text);
    }

    [Fact]
    public async Task Without_a_file_or_a_pasted_table_the_admin_is_told_how_to_import()
    {
        var text = CardMarkdown.Shown(BotClient.AllText(await SendAsync(TypedText("导入目标 2023"))));

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

    [Fact]
    public async Task An_xlsx_from_sharepoint_within_the_limits_is_imported()
    {
        var file = TinyXlsx.Of([["单位", "内资产业项目（总投资超500万元）", "domesticCapital"], ["潮阳街道", "10", "5亿"]], "A1:C2");

        var replies = await SendAsync(TeamsFile("2023年度目标.xlsx", file));

        Assert.Contains("已导入 1 个单位的 2023 年度目标", CardMarkdown.Shown(BotClient.AllText(replies)));
        Assert.Equal(50000m, (await Targets.GetYearAsync(2023))[Chaoyang]["domesticCapital"]);
    }

    public static TheoryData<string, string> RefusedUrls => new()
    {
        { "https://files.evil.example/", "foreign host" },
        { "http://contoso.sharepoint.com/", "http scheme" },
        { "loopback", "the file host itself, over http" },
    };

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task A_url_that_is_not_https_on_the_tenants_sharepoint_is_never_fetched(string baseUrl, string why)
    {
        var path = NewFile("targets.csv", Encoding.UTF8.GetBytes(Table));

        var text = CardMarkdown.Shown(BotClient.AllText(await SendAsync(TeamsFileAt("targets.csv", path, baseUrl: baseUrl == "loopback" ? Connector.ServiceUrl : baseUrl))));

        Assert.Contains("不是本单位 Teams（SharePoint/OneDrive）的 https 地址，为安全起见没有下载，没有任何目标被修改", text);
        Assert.Empty(Connector.FileRequests);
        Assert.Empty(await Targets.GetYearAsync(2023));
        Assert.NotNull(why);
        await AssertStillAnsweringAsync();
    }

    [Fact]
    public async Task A_plain_attachment_whose_content_url_is_foreign_is_never_fetched()
    {
        var path = NewFile("targets.csv", Encoding.UTF8.GetBytes(Table));
        var attachment = new Attachment { ContentType = "text/csv", Name = "targets.csv", ContentUrl = "https://files.evil.example/files/" + path };

        var text = CardMarkdown.Shown(BotClient.AllText(await SendAsync(attachment)));

        Assert.Contains("为安全起见没有下载", text);
        Assert.Empty(Connector.FileRequests);
    }

    [Fact]
    public async Task A_redirecting_url_is_not_followed()
    {
        // Following the redirect would find a good table: importing it would mean the redirect was followed.
        var good = NewFile("targets.csv", Encoding.UTF8.GetBytes(Table));
        var redirecting = NewFile("targets.csv");
        Connector.FileRedirects[redirecting] = Connector.ServiceUrl + "files/" + good;

        var text = CardMarkdown.Shown(BotClient.AllText(await SendAsync(TeamsFileAt("targets.csv", redirecting))));

        Assert.Contains("为安全起见没有下载，没有任何目标被修改", text);
        Assert.Equal([redirecting], Connector.FileRequests);
        Assert.Empty(await Targets.GetYearAsync(2023));
        await AssertStillAnsweringAsync();
    }

    [Fact]
    public async Task A_chunked_download_without_a_length_is_cut_off_at_2_MB()
    {
        var endless = NewFile("targets.csv");
        Connector.ChunkedFiles[endless] = 200L * 1024 * 1024;

        var text = CardMarkdown.Shown(BotClient.AllText(await SendAsync(TeamsFileAt("targets.csv", endless))));

        Assert.Contains("文件“targets.csv”超过 2 MB，没有任何目标被修改", text);
        // No Content-Length was sent (the fake host writes chunks), so only the cap while streaming can have said so.
        Assert.Equal([endless], Connector.FileRequests);
        Assert.Empty(await Targets.GetYearAsync(2023));
        await AssertStillAnsweringAsync();
    }

    [Fact]
    public async Task An_xlsx_zip_bomb_is_refused_and_the_bot_keeps_answering()
    {
        var text = CardMarkdown.Shown(BotClient.AllText(await SendAsync(TeamsFile("目标.xlsx", TinyXlsx.Bomb(200)))));

        Assert.Contains("无法导入“目标.xlsx”：文件解压后超过 10 MB（不像是普通的目标表）。没有任何目标被修改", text);
        Assert.Empty(await Targets.GetYearAsync(2023));
        await AssertStillAnsweringAsync();
    }

    [Fact]
    public async Task A_sheet_declaring_1048576_rows_is_refused_naming_only_the_cell_and_the_bot_keeps_answering()
    {
        var file = TinyXlsx.Of([["单位", "domesticProjects"], ["<script>潮阳街道", "10"]], "A1:B1048576");

        var text = CardMarkdown.Shown(BotClient.AllText(await SendAsync(TeamsFile("目标.xlsx", file))));

        Assert.Contains("无法导入“目标.xlsx”：工作表声明的范围到 B1048576，超过上限（最多 2000 行 × 100 列）。没有任何目标被修改", text);
        Assert.DoesNotContain("script", text);
        Assert.Empty(await Targets.GetYearAsync(2023));
        await AssertStillAnsweringAsync();
    }

    [Fact]
    public async Task An_unknown_unit_or_header_is_named_by_its_cell_not_quoted()
    {
        var file = TinyXlsx.Of([["单位", "[点这里](https://phish.example)"], ["**假单位**", "10"]]);

        var text = CardMarkdown.Shown(BotClient.AllText(await SendAsync(TeamsFile("目标.xlsx", file))));

        Assert.Contains("表头 B1（第 2 列）不是已知指标", text);
        Assert.Contains("第 2 行：A2 的单位不存在或不参与填报", text);
        Assert.DoesNotContain("phish", text);
        Assert.DoesNotContain("假单位", text);
    }

    private async Task AssertStillAnsweringAsync()
    {
        var replies = await Bot.SayAsync("目标汇总 2023", TestUser.Admin);
        Assert.NotEmpty(replies.SelectMany(BotClient.Cards));
    }
}
