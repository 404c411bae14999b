using System.Globalization;
using InvestBot.Ranking;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Reporting.Bot;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>Issue 14, "targets": 亿/万 and separators with the conversion echoed, an unambiguous hint, the notice's year on 目标汇总, and 我单位进度.</summary>
[Trait("Category", "Http")]
public sealed class TargetWordsHttpTests : ReportingBotTestBase
{
    private AnnualTargetStore Targets => App.Service<AnnualTargetStore>();

    private async Task<JObject> TargetFormAsync() =>
        BotClient.Cards(Assert.Single(await Bot.SayAsync("年度目标 潮阳街道 2023", TestUser.Admin))).Single();

    [Fact]
    public async Task Targets_written_with_yi_wan_and_separators_are_saved_converted_and_the_conversion_is_shown()
    {
        var form = await TargetFormAsync();
        Assert.Contains(ReportingTexts.TargetHint, BotClient.CardText(form));
        Assert.DoesNotContain("留空表示不设该项目标（或保持原值）", BotClient.CardText(form));

        var saved = (await Bot.ExecuteAsync("target.save", Submission(form, new Dictionary<string, string>
        {
            ["m_domesticCapital"] = "8亿", ["m_hqEnterprises"] = "1,200", ["m_foreignCapital"] = "500万美元", ["m_domesticProjects"] = "20",
        }), TestUser.Admin)).Card!;

        var text = BotClient.CardText(saved);
        Assert.Contains("内资到位额：8亿 → 80000 万元", text);
        Assert.Contains("新注册服务型总部型企业：1,200 → 1200 家", Infrastructure.CardMarkdown.Shown(text)); // the typed amount is shown literally
        Assert.Contains("外资到位额：500万美元 → 500 万美元", text);
        Assert.DoesNotContain("内资产业项目（总投资超500万元）：20", text); // a plain number is not "converted"
        var stored = await Targets.GetUnitAsync(2023, Chaoyang);
        Assert.Equal((80000m, 1200m, 500m, 20m), (stored["domesticCapital"], stored["hqEnterprises"], stored["foreignCapital"], stored["domesticProjects"]));
    }

    [Fact]
    public async Task A_wrong_currency_is_refused_with_the_reason_and_nothing_changes()
    {
        var result = (await Bot.ExecuteAsync("target.save", Submission(await TargetFormAsync(),
            new Dictionary<string, string> { ["m_domesticCapital"] = "8亿美元", ["m_domesticProjects"] = "20" }), TestUser.Admin)).Card!;

        Assert.Contains("该项以“万元”计，不能写“美元”", BotClient.CardText(result));
        Assert.Empty(await Targets.GetUnitAsync(2023, Chaoyang));
    }

    [Fact]
    public async Task An_import_reads_yi_and_wan_and_lists_the_conversions()
    {
        var replies = await Bot.SayAsync("导入目标 2023\n单位,domesticCapital,内资产业项目（总投资超500万元）\n潮阳街道,8亿,10\n宝平街道,6000万,8", TestUser.Admin);

        var text = BotClient.AllText(replies);
        Assert.Contains("已导入 2 个单位", text);
        Assert.Contains("潮阳街道 内资到位额：8亿 → 80000 万元", text);
        Assert.Contains("宝平街道 内资到位额：6000万 → 6000 万元", text);
        var year = await Targets.GetYearAsync(2023);
        Assert.Equal((80000m, 6000m), (year[Chaoyang]["domesticCapital"], year["town-baoping"]["domesticCapital"]));
    }

    [Theory]
    [InlineData("目标汇总 2023", "与2023年《三十条措施》规定的2023年全区目标对比")]
    [InlineData("目标汇总 2026", "全区目标出自2023年《三十条措施》，该文件只规定了2023年的全区目标，没有规定2026年的")]
    public async Task The_target_summary_names_the_year_of_the_notice_its_totals_come_from(string command, string expected)
    {
        var text = BotClient.AllText(await Bot.SayAsync(command, TestUser.Admin));

        Assert.Contains(expected, text);
    }

    [Fact]
    public async Task A_reporter_sees_their_units_progress_and_what_it_takes_to_pass_the_unit_above_in_the_published_ranking()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        foreach (var unit in new[] { Chaoyang, "town-baoping" })
            await Targets.SetAsync(2023, unit, new Dictionary<string, decimal> { ["domesticCapital"] = 1000, ["domesticProjects"] = 10 }, "admin");
        await Figures.SaveAsync(new FigureSubmission(Chaoyang, March, new Dictionary<string, decimal> { ["domesticCapital"] = 200, ["domesticProjects"] = 2 }, 0, "u", "张三", false));
        await Figures.SaveAsync(new FigureSubmission("town-baoping", March, new Dictionary<string, decimal> { ["domesticCapital"] = 600, ["domesticProjects"] = 5 }, 0, "u", "李四", false));
        async Task<JObject> ProgressAsync() => BotClient.Cards(Assert.Single(await Bot.SayAsync("我单位进度", user))).Single();

        // 宝平街道 has submitted better figures, but no ranking is published: it is neither named nor scored.
        var unpublished = BotClient.CardText(await ProgressAsync());
        Assert.Contains("年累计 200 万元 / 目标 1000 万元，完成 20%", unpublished); // the unit's own live figures
        Assert.Contains("2023年尚未发布排名", unpublished);
        Assert.DoesNotContain("宝平", unpublished);
        Assert.DoesNotContain("第 1 名", unpublished);
        Assert.DoesNotContain("排名测算", unpublished);

        var live = await App.Service<RankingService>().ComputeAsync(new RankingPeriod(2023, 3));
        await App.Service<RankingAnnouncementStore>().TryCreateAsync(new Announcement(live.Period, 0, RankingSnapshot.ForPublication(live),
            BotApp.AdminAadId, "王主任", Time.GetUtcNow()));
        var publishedScore = live.Find("town-baoping")!.Score!.Value.ToString("0.00", CultureInfo.InvariantCulture);
        var card = await ProgressAsync();

        var text = BotClient.CardText(card);
        Assert.Contains("潮阳街道：2023年目标进度", text);
        Assert.Contains("截至2023年3月。年累计含：3月；1—2月无数据（未录入期初累计）。", text);
        Assert.Contains("年累计 200 万元 / 目标 1000 万元，完成 20%", text);
        Assert.Contains("年累计 2 个 / 目标 10 个，完成 20%", text);
        Assert.Contains("新增市场主体", text);
        Assert.Contains("（未设目标）", text);
        Assert.Contains("按已发布的2023年3月排名（正式通报）", text);
        Assert.Contains("街镇第 2 名", text);
        Assert.Contains($"距第 1 名（宝平街道，{publishedScore} 分）", text);
        // The first step offered really is enough: with it added, 潮阳街道 ranks first.
        var capitalStep = card.SelectTokens("$..text").Select(t => t.ToString()).Single(t => t.StartsWith("年累计再增加"))
            .Split('\n').Single(l => l.StartsWith("- 内资到位额 +"));
        var increase = decimal.Parse(capitalStep["- 内资到位额 +".Length..].Split(' ')[0]);
        await Figures.SaveAsync(new FigureSubmission(Chaoyang, March,
            new Dictionary<string, decimal> { ["domesticCapital"] = 200 + increase, ["domesticProjects"] = 2 }, 1, "u", "张三", false));
        Assert.Equal(1, (await App.Service<RankingService>().ComputeAsync(new RankingPeriod(2023, 3))).Find(Chaoyang)!.Rank);

        // 宝平街道 corrects its figures after publication: the answer still shows only what was published.
        await Figures.SaveAsync(new FigureSubmission("town-baoping", March, new Dictionary<string, decimal> { ["domesticCapital"] = 950, ["domesticProjects"] = 9 }, 1, "u", "李四", false));
        var corrected = (await App.Service<RankingService>().ComputeAsync(new RankingPeriod(2023, 3))).Find("town-baoping")!.Score!.Value;
        var after = BotClient.CardText(await ProgressAsync());
        Assert.Contains($"宝平街道，{publishedScore} 分", after);
        Assert.DoesNotContain(corrected.ToString("0.00", CultureInfo.InvariantCulture), after);
    }

    [Fact]
    public async Task Progress_asked_in_a_group_goes_to_the_personal_chat_and_only_for_the_own_unit()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        await Bot.SayAsync("帮助", user); // the bot knows the personal chat from now on
        var group = TestConversation.Group();

        var inGroup = BotClient.AllText(await Bot.SayAsync("我单位进度", user, group));
        var other = BotClient.AllText(await Bot.SayAsync("我单位进度 宝平街道", user));
        var admin = BotClient.AllText(await Bot.SayAsync("我单位进度 宝平街道", TestUser.Admin));

        Assert.Contains("已私信发送", inGroup);
        Assert.DoesNotContain("目标进度", inGroup);
        var personal = await Connector.WaitForAsync(TestConversation.Personal(user).Id, a => BotClient.Cards(a).Any());
        Assert.Contains("潮阳街道：2023年目标进度", BotClient.AllText([personal]));
        Assert.Contains("只能查看本单位的进度", other);
        Assert.Contains("宝平街道：2023年目标进度", admin);
        Assert.Contains("2023年还没有填报数据", admin);
    }
}
