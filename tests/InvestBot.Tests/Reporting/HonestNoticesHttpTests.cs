using System.Net;
using InvestBot.Ranking;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Reporting.Bot;
using InvestBot.Tests.Infrastructure;
using MiniExcelLibs;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>Issue 14, the smaller points: notices say only what happened, a change after publication prompts 更正排名, the export adds up.</summary>
[Trait("Category", "Http")]
public sealed class HonestNoticesHttpTests : ReportingBotTestBase
{
    private readonly TestUser _talked = TestUser.Named("张三");
    private readonly TestUser _silent = TestUser.Named("王五");

    private Task PublishAsync(int month) => App.Service<RankingAnnouncementStore>().TryCreateAsync(
        new Announcement(new RankingPeriod(2023, month), 0, new RankingResult(new RankingPeriod(2023, month), [], []), BotApp.AdminAadId, "王主任", Time.GetUtcNow()));

    [Fact]
    public async Task Reopening_says_who_was_told_and_who_could_not_be_reached()
    {
        await BindAsync(_talked, Chaoyang);
        await BindAsync(_silent, Chaoyang);
        await Bot.SayAsync("帮助", _talked);
        Time.SetUtcNow(TestClock.Beijing(2023, 4, 6, 9));

        var text = BotClient.AllText(await Bot.SayAsync("重新开放 潮阳街道 2023-03", TestUser.Admin));
        var nobody = BotClient.AllText(await Bot.SayAsync("重新开放 宝平街道 2023-03", TestUser.Admin));

        Assert.Contains("已通知 1 位填报人。未能通知 王五（还没有与 InvestBot 私聊过，或 Teams 拒收），请另行告知。", text);
        Assert.Contains("该单位没有绑定填报人，没有通知任何人。", nobody);
        Assert.DoesNotContain("已通知", nobody);
    }

    [Fact]
    public async Task Binding_someone_directly_says_whether_they_were_told()
    {
        var text = BotClient.AllText(await Bot.SayAsync("绑定 潮阳街道 11111111-2222-3333-4444-555555555555", TestUser.Admin));

        // Never the GUID (issue 21): a person the bot has not met yet is said so, by name once they write.
        Assert.Contains($"已将 {ReportingTexts.NameNotYetKnown} 绑定为 潮阳街道 的填报人。", Infrastructure.CardMarkdown.Shown(text));
        Assert.DoesNotContain("11111111-2222", text);
        Assert.Contains(ReportingTexts.ReporterNotTold, text);
        Assert.DoesNotContain(ReportingTexts.ReporterTold, text);
    }

    [Fact]
    public async Task Changing_a_published_month_tells_the_reporter_and_the_admins_that_更正排名_is_needed()
    {
        await BindAsync(_talked, Chaoyang);
        await Bot.SayAsync("帮助", TestUser.Admin);
        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(_talked), TownValues("4")), _talked);
        await PublishAsync(3);

        var receipt = (await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(_talked), TownValues("5")), _talked)).Card!;

        var text = BotClient.CardText(receipt);
        Assert.Contains("注意：2023年3月的排名已经发布，这次修改改变了其中的年累计，已发布的通报不会自动更新。如需更正，请管理员发送 “更正排名 2023-03”。", text);
        Assert.Contains("已通知区合作交流办。", text);
        var told = await Connector.WaitForAsync(TestConversation.Personal(TestUser.Admin).Id, a => a.Text?.Contains("更正排名 2023-03") == true);
        Assert.StartsWith("潮阳街道（张三）修改了2023年3月数据（第 2 版）。", told.Text);
    }

    [Fact]
    public async Task A_change_to_an_earlier_month_names_every_later_published_ranking_of_the_year()
    {
        await BindAsync(_talked, Chaoyang);
        await PublishAsync(3);
        await PublishAsync(2);
        await App.Service<RankingAnnouncementStore>().TryCreateAsync(new Announcement(new RankingPeriod(2022, 12), 0,
            new RankingResult(new RankingPeriod(2022, 12), [], []), "a", null, Time.GetUtcNow()));

        var admin = (await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(TestUser.Admin, "填报 潮阳街道 2023-02"), TownValues()), TestUser.Admin)).Card!;
        var reporter = (await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(_talked), TownValues()), _talked)).Card!;

        Assert.Contains("2023年2月、2023年3月的排名已经发布", BotClient.CardText(admin));
        Assert.Contains("“更正排名 2023-02” “更正排名 2023-03”", BotClient.CardText(admin));
        Assert.DoesNotContain("通知区合作交流办", BotClient.CardText(admin)); // the admin is the one who changed it
        Assert.Contains("2023年3月的排名已经发布", BotClient.CardText(reporter));
        Assert.DoesNotContain("2023年2月", BotClient.CardText(reporter).Split("注意：")[1]);
        Assert.Contains("已通知区合作交流办。", BotClient.CardText(reporter)); // the admin's personal chat is known from 填报 above
    }

    [Fact]
    public async Task When_no_admin_can_be_reached_the_receipt_says_so()
    {
        await BindAsync(_talked, Chaoyang);
        await Figures.SaveAsync(new FigureSubmission(Chaoyang, March, new Dictionary<string, decimal> { ["domesticProjects"] = 1 }, 0, "u", "张三", false));
        await PublishAsync(3);

        var receipt = (await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(_talked), TownValues()), _talked)).Card!;

        Assert.Contains("未能通知区合作交流办，请直接告知。", BotClient.CardText(receipt)); // the admin never talked to the bot
        Assert.DoesNotContain("已通知", BotClient.CardText(receipt));
    }

    [Fact]
    public async Task A_first_submission_of_an_unpublished_month_carries_no_notice()
    {
        await BindAsync(_talked, Chaoyang);
        await PublishAsync(2);

        var receipt = (await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(_talked), TownValues()), _talked)).Card!;

        Assert.DoesNotContain("排名已经发布", BotClient.CardText(receipt));
    }

    [Fact]
    public async Task The_export_has_year_to_date_target_and_completion_per_metric_and_a_total_row()
    {
        Time.SetUtcNow(TestClock.Beijing(2023, 7, 3));
        var june = new ReportingMonth(2023, 6);
        await App.Service<OpeningBalanceStore>().SaveAsync(new OpeningBalanceChange(Chaoyang, 2023, 5,
            new Dictionary<string, decimal> { ["domesticProjects"] = 10 }, 0, "admin", "王主任"));
        await Figures.SaveAsync(new FigureSubmission(Chaoyang, june, new Dictionary<string, decimal> { ["domesticProjects"] = 4, ["teamSize"] = 6 }, 0, "u", "张三", false));
        await Figures.SaveAsync(new FigureSubmission("town-baoping", new ReportingMonth(2023, 3), new Dictionary<string, decimal> { ["domesticProjects"] = 1, ["teamSize"] = 4 }, 0, "u", "李四", false));
        await Figures.SaveAsync(new FigureSubmission("town-baoping", june, new Dictionary<string, decimal> { ["domesticProjects"] = 2, ["teamSize"] = 5 }, 0, "u", "李四", true));
        var targets = App.Service<AnnualTargetStore>();
        await targets.SetAsync(2023, Chaoyang, new Dictionary<string, decimal> { ["domesticProjects"] = 28 }, "admin");
        await targets.SetAsync(2023, "town-baoping", new Dictionary<string, decimal> { ["domesticProjects"] = 10 }, "admin");
        var card = BotClient.Cards(Assert.Single(await Bot.SayAsync("导出 2023-06", TestUser.Admin))).Single();

        using var response = await App.CreateClient().GetAsync(new Uri(card.SelectToken("actions[0].url")!.ToString()).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await response.Content.ReadAsStreamAsync()).Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
        const string p = "内资产业项目（总投资超500万元）（个）";
        double Cell(IDictionary<string, object> row, string column) => Convert.ToDouble(row[column]);
        var chaoyang = rows.Single(r => (string)r["单位"] == "潮阳街道");
        Assert.Equal((4d, 14d, 28d, 50d), (Cell(chaoyang, p + "当月新增"), Cell(chaoyang, p + "年累计"), Cell(chaoyang, p + "年度目标"), Cell(chaoyang, p + "完成率%")));
        Assert.Equal("1—5月", chaoyang["期初累计"]);
        var baoping = rows.Single(r => (string)r["单位"] == "宝平街道");
        Assert.Equal((2d, 3d, 30d), (Cell(baoping, p + "当月新增"), Cell(baoping, p + "年累计"), Cell(baoping, p + "完成率%")));
        Assert.Equal(5d, Cell(baoping, "招商队伍人数（人）最新时点数"));
        Assert.Equal("逾期补报", baoping["状态"]);
        var total = rows[^1];
        Assert.Equal(FiguresWorkbook.TotalRow, total["单位"]);
        Assert.StartsWith("已报 2/", (string)total["状态"]);
        Assert.Equal((6d, 17d, 38d, 44.7d), (Cell(total, p + "当月新增"), Cell(total, p + "年累计"), Cell(total, p + "年度目标"), Cell(total, p + "完成率%")));
        Assert.Equal(11d, Cell(total, "招商队伍人数（人）最新时点数"));
    }
}
