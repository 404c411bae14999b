using InvestBot.Ranking;
using InvestBot.Ranking.Bot;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Reporting.Bot;
using InvestBot.Teams;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>Issue 14, "figures that add up": what each field is, the year so far on form and receipt, the opening balance (期初累计) and the months a ranking covers.</summary>
[Trait("Category", "Http")]
public sealed class FiguresAddUpHttpTests : ReportingBotTestBase
{
    private static readonly ReportingMonth May = new(2023, 5);
    private static readonly ReportingMonth June = new(2023, 6);
    private OpeningBalanceStore Openings => App.Service<OpeningBalanceStore>();

    private async Task<JObject> OpeningCardAsync(TestUser? user = null) =>
        BotClient.Cards(Assert.Single(await Bot.SayAsync("期初累计 潮阳街道 2023", user ?? TestUser.Admin))).Single();

    /// <summary>A town's cumulative opening figures for 1—5月 (projects 10, capital 8亿), the month chosen on the card.</summary>
    private static JObject OpeningSubmission(JObject card, string through = "5", IDictionary<string, string>? overrides = null)
    {
        var values = new Dictionary<string, string>
        {
            ["m_domesticProjects"] = "10", ["m_domesticProjects10m"] = "5", ["m_domesticProjects100m"] = "1", ["m_domesticCapital"] = "8亿",
            ["m_hqEnterprises"] = "3", ["m_foreignEnterprises"] = "0", ["m_foreignCapital"] = "0", ["m_marketEntities"] = "40",
            ["m_physicalProjects"] = "2", ["m_promotionEvents"] = "1", ["m_chainLeaderContacts"] = "1",
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>()) values[k] = v;
        var data = Submission(card, values);
        data[OpeningBalanceService.ThroughMonthField] = through;
        return data;
    }

    private static IEnumerable<JToken> Inputs(JObject card) => card.SelectTokens("$..body[?(@.type == 'Input.Text')]");

    private static string TextAfter(JObject card, string inputId)
    {
        var body = ((JArray)card["body"]!).ToList();
        return body[body.FindIndex(e => e.Value<string>("id") == inputId) + 1].Value<string>("text") ?? "";
    }

    [Fact]
    public async Task The_form_says_what_each_figure_is_and_shows_the_year_so_far_under_each_field()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        await Figures.SaveAsync(new FigureSubmission(Chaoyang, new ReportingMonth(2023, 2),
            new Dictionary<string, decimal> { ["domesticProjects"] = 6, ["teamSize"] = 5 }, 0, "earlier", "李四", false));
        await App.Service<AnnualTargetStore>().SetAsync(2023, Chaoyang, new Dictionary<string, decimal> { ["domesticProjects"] = 20 }, "admin");

        var form = await FormAsync(user);

        var labels = Inputs(form).ToDictionary(i => i.Value<string>("id")!, i => i.Value<string>("label")!);
        Assert.Equal("内资产业项目（总投资超500万元）（个，当月新增）", labels["m_domesticProjects"]);
        Assert.Equal("专业招商队伍人数（人，时点数）", labels["m_teamSize"]);
        Assert.All(labels.Keys.Where(k => k != "m_teamSize"), k => Assert.EndsWith("当月新增）", labels[k]));
        var text = BotClient.CardText(form);
        Assert.Contains("各项填3月当月新增数（不是年初以来的累计数）", text);
        Assert.Contains("专业招商队伍人数是时点数，填3月末的实有数", text);
        Assert.Contains("各项下方为此前的年累计，含：2月；1月无数据（未录入期初累计）。", text);
        Assert.Equal("此前累计 6 个（年度目标 20 个）", TextAfter(form, "m_domesticProjects"));
        Assert.Equal("最近填报 5 人", TextAfter(form, "m_teamSize"));
        // The client only checks for an empty field, with a message about exactly that; the server says the rest.
        Assert.All(Inputs(form), i => Assert.Null(i["regex"]));
        Assert.All(Inputs(form), i => Assert.Equal(FigureValidator.Required, i.Value<string>("errorMessage")));
    }

    [Fact]
    public async Task A_resaved_opening_balance_keeps_a_figure_whose_metric_left_the_form()
    {
        // Stored before （十五）'s 链主 contacts left the units' forms (issue 19): 1—5月 with 7 contacts.
        Time.SetUtcNow(TestClock.Beijing(2023, 7, 3));
        Assert.IsType<OpeningSaveOutcome.Saved>(await Openings.SaveAsync(new OpeningBalanceChange(Chaoyang, 2023, 5,
            new Dictionary<string, decimal> { ["domesticProjects"] = 4, ["chainLeaderContacts"] = 7 }, 0, "old", "旧数据")));
        var card = await OpeningCardAsync();
        Assert.DoesNotContain("链主", BotClient.CardText(card));

        // The submission also carries a 链主 figure the card never showed: the server reads only what the form shows.
        var saved = (await Bot.ExecuteAsync(OpeningBalanceCards.SaveVerb, OpeningSubmission(card), TestUser.Admin)).Card!;

        Assert.Contains("✅ 已保存", BotClient.CardText(saved));
        var balance = (await Openings.GetAsync(2023, Chaoyang))!;
        Assert.Equal(10m, balance.Values["domesticProjects"]);   // the form's figure replaced the old one
        Assert.Equal(7m, balance.Values["chainLeaderContacts"]);  // the retired one was kept
    }

    [Fact]
    public async Task An_opening_balance_makes_form_receipt_and_ranking_add_up_from_January()
    {
        Time.SetUtcNow(TestClock.Beijing(2023, 7, 3));
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        await App.Service<AnnualTargetStore>().SetAsync(2023, Chaoyang, new Dictionary<string, decimal> { ["domesticProjects"] = 28 }, "admin");
        var card = await OpeningCardAsync();

        var choices = card.SelectTokens("$..body[?(@.type == 'Input.ChoiceSet')].choices[*].value").Select(v => v.ToString());
        Assert.Equal(new[] { "1", "2", "3", "4", "5", "6" }, choices); // June has ended on 3 July; July has not
        Assert.DoesNotContain(Inputs(card), i => i.Value<string>("id") == "m_teamSize"); // a 时点数 has no opening balance
        var saved = (await Bot.ExecuteAsync(OpeningBalanceCards.SaveVerb, OpeningSubmission(card), TestUser.Admin)).Card!;

        var savedText = BotClient.CardText(saved);
        Assert.Contains("✅ 已保存 潮阳街道 2023年期初累计（1—5月）", savedText);
        Assert.Contains("内资到位额：8亿 → 80000 万元", savedText);
        Assert.Contains("6月起按“当月新增”逐月填报", savedText);
        var balance = (await Openings.GetAsync(2023, Chaoyang))!;
        Assert.Equal((5, 80000m, 10m, 1), (balance.ThroughMonth, balance.Values["domesticCapital"], balance.Values["domesticProjects"], balance.Revision));

        // A month inside the balance is not reported again.
        var may = BotClient.AllText(await Bot.SayAsync("填报5月数据", user));
        Assert.Contains("潮阳街道2023年1—5月的数据已由区合作交流办按期初累计录入，不再逐月填报", may);
        var forgedMay = await Bot.ExecuteAsync("report.submit", new JObject { ["unitId"] = Chaoyang, ["month"] = May.Key, ["revision"] = 0 }, TestUser.Admin);
        Assert.Contains("按期初累计录入", forgedMay.Message);
        Assert.Null(await Figures.GetAsync(May, Chaoyang));

        // June's form starts from the balance; the receipt adds June to it.
        var form = await FormAsync(user);
        Assert.Equal(June.Key, form.SelectToken("actions[0].data.month")!.ToString());
        Assert.Equal("此前累计 10 个（年度目标 28 个）", TextAfter(form, "m_domesticProjects"));
        Assert.Contains("含：1—5月期初累计", BotClient.CardText(form));
        var receipt = (await Bot.ExecuteAsync("report.submit", Submission(form, TownValues("4")), user)).Card!;
        var receiptText = BotClient.CardText(receipt);
        Assert.Contains("本月新增 4 个；年累计 14 个；年度目标 28 个，完成 50%", receiptText);
        Assert.Contains("本月新增 1500.5 万元；年累计 81500.5 万元", receiptText);
        Assert.Contains("年累计含：1—5月期初累计、6月。", receiptText);

        // The ranking adds the balance too, and says which months its figures cover.
        var ranking = await App.Service<RankingService>().ComputeAsync(new RankingPeriod(2023, 6));
        Assert.Equal(14m, ranking.Find(Chaoyang)!.Metric("domesticProjects")!.Actual);
        Assert.Equal("2023年1—6月（1个单位1—5月为期初累计）", ranking.Coverage);
        var announcement = new Announcement(new RankingPeriod(2023, 6), 0, RankingSnapshot.ForPublication(ranking), "admin", "王主任", Time.GetUtcNow());
        var intro = BotClient.CardText(App.Service<RankingAnnouncementCards>().Build(announcement)[0]);
        // Said in plain words (issue 21): the year so far, with the months the opening balance stands for.
        Assert.Contains("排名看的是今年累计：各单位2023年1月至6月的数据加在一起（1个单位1—5月为期初累计），不是6月一个月的数据。", intro);
    }

    [Fact]
    public async Task A_ranking_without_opening_balances_says_it_starts_where_the_figures_start()
    {
        Time.SetUtcNow(TestClock.Beijing(2023, 7, 3));
        await Figures.SaveAsync(new FigureSubmission(Chaoyang, June, new Dictionary<string, decimal> { ["domesticProjects"] = 4 }, 0, "u", "张三", false));

        var ranking = await App.Service<RankingService>().ComputeAsync(new RankingPeriod(2023, 6));

        Assert.Equal("2023年6月（1—5月无数据）", ranking.Coverage);
    }

    [Fact]
    public async Task An_opening_balance_cannot_cover_a_month_already_reported_and_reporters_cannot_set_one()
    {
        Time.SetUtcNow(TestClock.Beijing(2023, 7, 3));
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        await Figures.SaveAsync(new FigureSubmission(Chaoyang, March, new Dictionary<string, decimal> { ["domesticProjects"] = 4 }, 0, "u", "张三", false));
        var card = await OpeningCardAsync();

        var refused = (await Bot.ExecuteAsync(OpeningBalanceCards.SaveVerb, OpeningSubmission(card), TestUser.Admin)).Card!;
        var said = BotClient.AllText(await Bot.SayAsync("期初累计 潮阳街道 2023", user));
        var pressed = await Bot.ExecuteAsync(OpeningBalanceCards.SaveVerb, OpeningSubmission(card, "2"), user);

        Assert.Contains("潮阳街道已通过 InvestBot 填报了3月的数据；期初累计只能覆盖开始使用 InvestBot 之前的月份（最多截至2月）", BotClient.CardText(refused));
        Assert.Equal("8亿", InputValue(refused, "domesticCapital")); // the admin's input is kept
        Assert.Contains(BotTexts.AdminOnly("期初累计"), said);
        Assert.Contains(BotTexts.AdminOnlyAction, pressed.Message);
        Assert.Null(await Openings.GetAsync(2023, Chaoyang));
    }

    [Theory]
    [InlineData("m_domesticProjects", "", "必填")]
    [InlineData("m_domesticProjects", "-1", "不能为负数")]
    [InlineData("m_domesticProjects100m", "6", "不能大于")]
    [InlineData("m_domesticCapital", "八亿", "请输入数字")]
    public async Task Bad_opening_values_come_back_next_to_the_field_and_nothing_is_saved(string input, string bad, string message)
    {
        Time.SetUtcNow(TestClock.Beijing(2023, 7, 3));
        var card = await OpeningCardAsync();

        var result = (await Bot.ExecuteAsync(OpeningBalanceCards.SaveVerb,
            OpeningSubmission(card, overrides: new Dictionary<string, string> { [input] = bad }), TestUser.Admin)).Card!;

        Assert.Contains(message, TextAfter(result, input));
        Assert.Contains("期初累计未保存", BotClient.CardText(result));
        Assert.Null(await Openings.GetAsync(2023, Chaoyang));
    }

    [Fact]
    public async Task A_card_saved_from_an_older_revision_overwrites_nothing_until_saved_again_on_purpose()
    {
        Time.SetUtcNow(TestClock.Beijing(2023, 7, 3));
        var first = await OpeningCardAsync();
        var second = await OpeningCardAsync();
        await Bot.ExecuteAsync(OpeningBalanceCards.SaveVerb, OpeningSubmission(first), TestUser.Admin);

        var replay = (await Bot.ExecuteAsync(OpeningBalanceCards.SaveVerb, OpeningSubmission(first), TestUser.Admin)).Card!;
        var stale = (await Bot.ExecuteAsync(OpeningBalanceCards.SaveVerb,
            OpeningSubmission(second, "4", new Dictionary<string, string> { ["m_domesticProjects"] = "9" }), TestUser.Admin)).Card!;

        Assert.Contains("✅ 已保存", BotClient.CardText(replay));
        Assert.Contains("在您填写期间", BotClient.CardText(stale));
        Assert.Equal(("9", 1), (InputValue(stale, "domesticProjects"), stale.SelectToken("actions[0].data.revision")!.Value<int>()));
        Assert.Equal((5, 10m), ((await Openings.GetAsync(2023, Chaoyang))!.ThroughMonth, (await Openings.GetAsync(2023, Chaoyang))!.Values["domesticProjects"]));
        Assert.Single(await Openings.HistoryAsync(2023, Chaoyang));

        var overridden = (await Bot.ExecuteAsync(OpeningBalanceCards.SaveVerb, OpeningSubmission(stale, "4"), TestUser.Admin)).Card!;
        Assert.Contains("✅ 已保存 潮阳街道 2023年期初累计（1—4月）", BotClient.CardText(overridden));
        Assert.Equal(2, (await Openings.HistoryAsync(2023, Chaoyang)).Count);
    }

    [Fact]
    public async Task The_edit_button_reopens_the_balance_and_it_can_be_cleared()
    {
        Time.SetUtcNow(TestClock.Beijing(2023, 7, 3));
        var saved = (await Bot.ExecuteAsync(OpeningBalanceCards.SaveVerb, OpeningSubmission(await OpeningCardAsync()), TestUser.Admin)).Card!;
        var edit = saved.SelectTokens("actions[*]").Single(a => a.Value<string>("verb") == OpeningBalanceCards.OpenVerb);

        var again = (await Bot.ExecuteAsync(OpeningBalanceCards.OpenVerb, edit["data"]!, TestUser.Admin)).Card!;
        Assert.Equal("5", again.SelectToken("$..body[?(@.type == 'Input.ChoiceSet')].value")!.ToString());
        Assert.Equal("80000", InputValue(again, "domesticCapital"));
        var cleared = (await Bot.ExecuteAsync(OpeningBalanceCards.SaveVerb, OpeningSubmission(again, "0"), TestUser.Admin)).Card!;

        Assert.Contains("已清除", BotClient.CardText(cleared));
        Assert.False((await Openings.GetAsync(2023, Chaoyang))!.IsSet);
        // May was inside the balance; once cleared it is reported month by month again.
        var may = await FormAsync(TestUser.Admin, "填报 潮阳街道 2023-05");
        Assert.Equal(May.Key, may.SelectToken("actions[0].data.month")!.ToString());
    }
}
