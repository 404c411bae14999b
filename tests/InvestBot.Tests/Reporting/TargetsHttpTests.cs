using System.Text;
using InvestBot.Teams;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using MiniExcelLibs;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

[Trait("Category", "Http")]
public sealed class TargetsHttpTests : ReportingBotTestBase
{
    private AnnualTargetStore Targets => App.Service<AnnualTargetStore>();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient(InvestBot.Reporting.Bot.AttachedTableReader.HttpClientName)
            .AddHttpMessageHandler(() => new SharePointLoopback(Connector.ServiceUrl));

    private async Task<JObject> TargetFormAsync() =>
        BotClient.Cards(Assert.Single(await Bot.SayAsync("年度目标 潮阳街道 2023", TestUser.Admin))).Single();

    [Fact]
    public async Task An_admin_sets_a_units_targets_on_the_card()
    {
        var form = await TargetFormAsync();
        // A town's 11 metrics: 联系“链主”企业 is 区领导's duty under （十五）, not on the units' forms.
        Assert.Equal(11, form.SelectTokens("$..body[?(@.type == 'Input.Text')]").Count());
        var data = Submission(form, new Dictionary<string, string> { ["m_domesticProjects"] = "20", ["m_domesticCapital"] = "80000.5" });

        var result = await Bot.ExecuteAsync("target.save", data, TestUser.Admin);

        Assert.Contains("已保存 潮阳街道 2023年度目标", BotClient.CardText(result.Card!));
        var saved = await Targets.GetUnitAsync(2023, Chaoyang);
        Assert.Equal((20m, 80000.5m, 2), (saved["domesticProjects"], saved["domesticCapital"], saved.Count));
        Assert.Equal("20", InputValue(await TargetFormAsync(), "domesticProjects"));
    }

    [Theory]
    [InlineData("abc", "请输入数字")]
    [InlineData("-5", "不能为负数")]
    [InlineData("1e308", "请输入数字")]
    [InlineData("7000", "超出合理范围")]
    public async Task Bad_targets_come_back_with_messages_and_change_nothing(string bad, string message)
    {
        await Targets.SetAsync(2023, Chaoyang, new Dictionary<string, decimal> { ["domesticProjects"] = 9 }, "admin");
        var data = Submission(await TargetFormAsync(), new Dictionary<string, string> { ["m_domesticProjects"] = bad, ["m_hqEnterprises"] = "4" });

        var result = await Bot.ExecuteAsync("target.save", data, TestUser.Admin);

        Assert.Contains(message, BotClient.CardText(result.Card!));
        Assert.Equal(bad, InputValue(result.Card!, "domesticProjects"));
        var saved = await Targets.GetUnitAsync(2023, Chaoyang);
        Assert.Equal(9m, Assert.Single(saved).Value);
    }

    [Fact]
    public async Task Reporters_cannot_see_or_save_targets()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        var data = Submission(await TargetFormAsync(), new Dictionary<string, string> { ["m_domesticProjects"] = "1" });

        var said = BotClient.AllText(await Bot.SayAsync("年度目标 潮阳街道", user));
        var pressed = await Bot.ExecuteAsync("target.save", data, user);

        Assert.Contains(BotTexts.AdminOnly("年度目标"), said);
        Assert.Contains(BotTexts.AdminOnlyAction, pressed.Message);
        Assert.Empty(await Targets.GetUnitAsync(2023, Chaoyang));
    }

    [Fact]
    public async Task A_pasted_csv_imports_all_units_and_the_sum_is_compared_with_the_district_total()
    {
        var csv = "导入目标 2023\n单位,内资产业项目（总投资超500万元）,domesticCapital\n潮阳街道,10,50000\n宝平,8,\n";

        var replies = await Bot.SayAsync(csv, TestUser.Admin);

        Assert.Contains("已导入 2 个单位", BotClient.AllText(replies));
        var year = await Targets.GetYearAsync(2023);
        Assert.Equal((10m, 50000m, 8m), (year[Chaoyang]["domesticProjects"], year[Chaoyang]["domesticCapital"], year["town-baoping"]["domesticProjects"]));
        Assert.False(year["town-baoping"].ContainsKey("domesticCapital"));

        var sum = BotClient.AllText(await Bot.SayAsync("目标汇总 2023", TestUser.Admin));
        Assert.Contains("2 个单位合计 18 个 / 全区目标 118 个（一），还差 100 个", sum);
    }

    [Theory]
    [InlineData("单位,内资产业项目（总投资超500万元）\n潮阳街道,10\n不存在镇,3", "第 3 行：A3 的单位不存在或不参与填报")]
    [InlineData("单位,内资产业项目（总投资超500万元）\n潮阳街道,10\n宝平街道,abc", "请输入数字")]
    [InlineData("单位,不知道的指标\n潮阳街道,10", "不是已知指标")]
    [InlineData("单位,groupInvestment\n潮阳街道,10", "不填报")]
    public async Task One_bad_row_imports_nothing(string table, string message)
    {
        var replies = await Bot.SayAsync("导入目标 2023\n" + table, TestUser.Admin);

        Assert.Contains("导入未执行", BotClient.AllText(replies));
        Assert.Contains(message, BotClient.AllText(replies));
        Assert.Empty(await Targets.GetYearAsync(2023));
    }

    [Fact]
    public async Task An_attached_excel_file_is_imported()
    {
        using var xlsx = new MemoryStream();
        xlsx.SaveAs(new[]
        {
            new Dictionary<string, object> { ["单位"] = "京津冀区域招商组", ["groupInvestment"] = 20000, ["groupEnterprises"] = 30 },
            new Dictionary<string, object> { ["单位"] = "国外组", ["groupInvestment"] = 20000.5m, ["groupEnterprises"] = 30 },
        }, excelType: ExcelType.XLSX);
        Connector.Files["targets.xlsx"] = xlsx.ToArray();
        var attachments = new List<Attachment>
        {
                new()
                {
                    ContentType = "application/vnd.microsoft.teams.file.download.info",
                    Name = "targets.xlsx",
                    Content = new JObject { ["downloadUrl"] = SharePointLoopback.BaseUrl + "files/targets.xlsx", ["fileType"] = "xlsx" },
                },
        };

        var replies = await Bot.SayAsync("导入目标 2023", TestUser.Admin, attachments: attachments);

        Assert.Contains("已导入 2 个单位", BotClient.AllText(replies));
        var year = await Targets.GetYearAsync(2023);
        Assert.Equal(20000.5m, year["group-gw"]["groupInvestment"]);
        // The other four groups count with （二十八）'s 20000; 6 × 20000 is derived from per-group targets, never a district target.
        Assert.Contains("6 个单位合计 120000.5 万元 / 文件规定的单位目标之和 120000 万元（推算：（二十八）6个单位各20000；文件未规定全区合计）",
            BotClient.AllText(await Bot.SayAsync("目标汇总 2023", TestUser.Admin)));
    }

    [Fact]
    public async Task The_target_summary_shows_no_district_total_the_document_does_not_set()
    {
        var sum = BotClient.AllText(await Bot.SayAsync("目标汇总 2023", TestUser.Admin));

        // （一）（二） set these district totals.
        Assert.Contains("全区目标 118 个（一）", sum);
        Assert.Contains("全区目标 2000000 万元（一）", sum);
        Assert.Contains("全区目标 4000 万美元（二）", sum);
        // （三） sets 30 + 50 实体项目 and ≥ 500 + ≥ 500 市场主体 for two platforms, （二十八） per group, （五） six events the office
        // organises: none of them is a district total.
        foreach (var notSet in new[] { "全区目标 80", "全区目标 1000 家", "全区目标 6 ", "全区目标 120000", "全区目标 180" })
            Assert.DoesNotContain(notSet, sum);
        Assert.Contains("2 个单位合计 80 个 / 文件规定的单位目标之和 80 个（推算：（三）宝坻经济开发区管委会50、京津中关村科技城管委会30；文件未规定全区合计）", sum);
        Assert.Contains("6 个单位合计 180 个 / 文件规定的单位目标之和 180 个", sum);
        Assert.DoesNotContain("举办招商推介活动", sum); // nothing entered, nothing set: not listed
    }

    [Fact]
    public async Task The_targets_card_shows_the_documents_own_target_for_the_unit()
    {
        var card = BotClient.Cards((await Bot.SayAsync("年度目标 京津中关村科技城管委会 2023", TestUser.Admin))[0]).Single();
        var physical = card.SelectTokens("$..body[?(@.id == 'm_physicalProjects')]").Single();
        Assert.Equal("未录入时按文件规定 30个（三）", physical.Value<string>("placeholder"));
        Assert.Equal("未录入时按文件规定 500家（三）", card.SelectTokens("$..body[?(@.id == 'm_marketEntities')]").Single().Value<string>("placeholder"));
    }

    private static List<Attachment> CsvFile(string name, string serviceUrl) =>
    [
        new()
        {
            ContentType = "application/vnd.microsoft.teams.file.download.info",
            Name = name,
            Content = new JObject { ["downloadUrl"] = serviceUrl + "files/" + name, ["fileType"] = "csv" },
        },
    ];

    [Fact]
    public async Task A_csv_saved_by_Excel_on_Chinese_Windows_imports_with_its_quoted_thousands()
    {
        // GB18030 without a BOM, as Excel's "CSV (逗号分隔)" writes it; amounts shown as 1,200 come quoted.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Connector.Files["targets-gbk.csv"] = Encoding.GetEncoding("GB18030").GetBytes(
            "单位,内资产业项目（总投资超500万元）,domesticCapital\r\n潮阳街道,10,\"51,200\"\r\n宝平街道,8,\"1,200.5\"\r\n");
        Connector.Files["targets-bom.csv"] = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("单位,domesticProjects\n潮阳街道,12\n")).ToArray();

        var gbk = BotClient.AllText(await Bot.SayAsync("导入目标 2023", TestUser.Admin, attachments: CsvFile("targets-gbk.csv", SharePointLoopback.BaseUrl)));

        Assert.Contains("已导入 2 个单位", gbk);
        var year = await Targets.GetYearAsync(2023);
        Assert.Equal((10m, 51200m, 1200.5m), (year[Chaoyang]["domesticProjects"], year[Chaoyang]["domesticCapital"], year["town-baoping"]["domesticCapital"]));

        var bom = BotClient.AllText(await Bot.SayAsync("导入目标 2023", TestUser.Admin, attachments: CsvFile("targets-bom.csv", SharePointLoopback.BaseUrl)));

        Assert.Contains("已导入 1 个单位", bom); // the BOM is not part of the header "单位"
        Assert.Equal(12m, (await Targets.GetUnitAsync(2023, Chaoyang))["domesticProjects"]);
    }

    [Theory]
    [InlineData("单位,domesticCapital\n潮阳街道,\"1200\n宝平街道,80", "表格格式不正确")]
    [InlineData("单位,domesticCapital\n潮阳街道,1,200", "第 2 行")]
    [InlineData("单位,domesticCapital\n潮阳街道,\"1,20\"", "请输入数字")]
    public async Task A_malformed_csv_imports_nothing_and_says_why(string table, string message)
    {
        await Targets.SetAsync(2023, Chaoyang, new Dictionary<string, decimal> { ["domesticCapital"] = 9 }, "admin");

        var replies = BotClient.AllText(await Bot.SayAsync("导入目标 2023\n" + table, TestUser.Admin));

        Assert.Contains("导入未执行，没有任何目标被修改", replies);
        Assert.Contains(message, replies);
        Assert.Equal(9m, Assert.Single(await Targets.GetUnitAsync(2023, Chaoyang)).Value);
    }

    [Fact]
    public async Task An_attachment_that_is_not_really_an_xlsx_imports_nothing()
    {
        Connector.Files["broken.xlsx"] = Encoding.UTF8.GetBytes("not a zip");
        var attachments = CsvFile("broken.xlsx", SharePointLoopback.BaseUrl);
        ((JObject)attachments[0].Content)["fileType"] = "xlsx";

        var replies = BotClient.AllText(await Bot.SayAsync("导入目标 2023", TestUser.Admin, attachments: attachments));

        Assert.Contains("无法读取文件“broken.xlsx”", Infrastructure.CardMarkdown.Shown(replies)); // the attachment path names the file
        Assert.Empty(await Targets.GetYearAsync(2023));
    }

    [Fact]
    public async Task Without_a_year_the_reporting_year_is_used_even_when_the_table_holds_year_like_numbers()
    {
        var replies = await Bot.SayAsync("导入目标\n单位\tdomesticCapital\n潮阳街道\t2024", TestUser.Admin);

        Assert.Contains("已导入 1 个单位的 2023 年度目标", BotClient.AllText(replies));
        Assert.Equal(2024m, (await Targets.GetUnitAsync(2023, Chaoyang))["domesticCapital"]);
        Assert.Empty(await Targets.GetYearAsync(2024));
    }
}
