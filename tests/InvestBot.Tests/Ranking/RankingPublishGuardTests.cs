using InvestBot.Ranking;
using InvestBot.Ranking.Bot;
using InvestBot.Announcements;
using InvestBot.Teams;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Ranking;

/// <summary>
/// No 约谈 list goes out by a slip: the confirm card says who is summoned and warns while units may still report, a changed
/// list is not published, and the schedule sends the admins a preview instead of publishing. The bot's clock is set to
/// early April 2023, while March's reporting window (1st–5th) is open.
/// </summary>
[Trait("Category", "Http")]
public sealed class RankingPublishGuardTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TestConversation Group = TestConversation.Group("19:guard-group@thread.v2");
    private static readonly RankingPeriod March = new(2023, 3);
    private readonly ShiftedTime _time = new(TestClock.Beijing(2023, 4, 3));
    private readonly FakeFiguresReader _figures = RankingSamples.Figures(3, [RankingSamples.UnitId("黄庄镇")]);
    private FakeBotConnector _connector = null!;
    private RankingBot _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = await RankingBot.StartAsync(_connector, _figures, time: _time);
        await _bot.Client.InstallAsync(Group, TestUser.Admin);
        Assert.Contains("已订阅", BotClient.AllText(await _bot.Client.SayAsync("订阅通报", TestUser.Admin, Group)));
        await _bot.Client.SayAsync("帮助", TestUser.Admin); // the admin's personal chat, for proactive messages
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task<JObject> ConfirmCardAsync()
    {
        var cards = (await _bot.Client.SayAsync("发布排名 2023-03", TestUser.Admin)).SelectMany(BotClient.Cards).ToList();
        return cards.Last();
    }

    private static List<(string Title, string Value)> Facts(JObject card) =>
        card.SelectTokens("$..facts[*]").Select(f => (f.Value<string>("title")!, f.Value<string>("value")!)).ToList();

    [Fact]
    public async Task While_the_window_is_open_the_confirm_card_warns_and_names_the_summoned_units()
    {
        var confirm = await ConfirmCardAsync();
        var text = BotClient.CardText(confirm);

        Assert.Contains("⚠ 2023年3月的填报尚未截止（开放至 4月5日），还有 1 个单位未报送：黄庄镇。", text);
        var expected = RankingSamples.Rank(_figures, 3).Interviewed.Select(u => u.UnitName).ToList();
        Assert.InRange(expected.Count, 1, 3);
        var facts = Facts(confirm);
        Assert.Equal($"{expected.Count} 个单位：{string.Join("、", expected)}", facts.Single(f => f.Title == "约谈").Value);
        // 45 units report (the supervising bodies, the office itself and the two companies do not: issue 19).
        Assert.Equal("44/45 个单位", facts.Single(f => f.Title == "已报送").Value);

        // After the deadline: no warning, the same names.
        _time.Set(TestClock.Beijing(2023, 4, 6, 9));
        var later = await ConfirmCardAsync();
        Assert.DoesNotContain("尚未截止", BotClient.CardText(later));
        Assert.Equal(facts.Single(f => f.Title == "约谈"), Facts(later).Single(f => f.Title == "约谈"));
    }

    [Fact]
    public async Task An_ordinary_month_says_nobody_is_summoned()
    {
        _time.Set(TestClock.Beijing(2023, 3, 10));
        var cards = (await _bot.Client.SayAsync("发布排名 2023-02", TestUser.Admin)).SelectMany(BotClient.Cards).ToList();
        Assert.Equal("2023年2月不是季度、半年或年度末，不列约谈单位", Facts(cards.Last()).Single(f => f.Title == "约谈").Value);
    }

    [Fact]
    public async Task A_约谈_list_that_changed_after_the_preview_is_not_published()
    {
        _time.Set(TestClock.Beijing(2023, 4, 6, 9));
        var confirm = await ConfirmCardAsync();
        var summoned = RankingSamples.Rank(_figures, 3).Interviewed.First();
        // The summoned unit corrects its figures after the admin looked: it is no longer among the last.
        _figures.Submit(summoned.UnitId, 2023, 3, ("domesticCapital", 999999), ("domesticProjects", 999), ("teamSize", 25));
        var data = (JObject)confirm["actions"]!.First(a => a.Value<string>("verb") == RankingCards.ConfirmVerb)["data"]!;

        var pressed = await _bot.Client.ExecuteAsync(RankingCards.ConfirmVerb, data, TestUser.Admin);

        Assert.Contains("约谈名单已与预览不同，本次没有发送", pressed.Message);
        Assert.Empty(await _bot.Service<RankingAnnouncementStore>().ListAsync());
        Assert.Empty(_connector.PostsTo(Group.Id));
        // A fresh preview shows the new list and can be confirmed.
        var again = await ConfirmCardAsync();
        Assert.DoesNotContain(summoned.UnitName, Facts(again).Single(f => f.Title == "约谈").Value);
        var fresh = (JObject)again["actions"]!.First(a => a.Value<string>("verb") == RankingCards.ConfirmVerb)["data"]!;
        Assert.NotNull((await _bot.Client.ExecuteAsync(RankingCards.ConfirmVerb, fresh, TestUser.Admin)).Card);
        await _bot.WaitForStateAsync("2023-03.r0", AnnouncementState.Completed, Timeout);
    }

    [Theory]
    [InlineData("ranking.publish.CANCEL")]
    [InlineData("RANKING.PUBLISH.CONFIRM")]
    [InlineData("ranking.publish.Cancel")]
    public async Task A_verb_in_other_case_is_an_unknown_button_and_publishes_nothing(string verb)
    {
        _time.Set(TestClock.Beijing(2023, 4, 6, 9));
        var confirm = await ConfirmCardAsync();
        var data = (JObject)confirm["actions"]!.First(a => a.Value<string>("verb") == RankingCards.ConfirmVerb)["data"]!;

        var pressed = await _bot.Client.ExecuteAsync(verb, data, TestUser.Admin);

        Assert.Equal(BotTexts.UnknownButton, pressed.Message);
        Assert.Empty(await _bot.Service<RankingAnnouncementStore>().ListAsync());
        Assert.Empty(_connector.PostsTo(Group.Id));
    }

    [Fact]
    public async Task By_default_the_schedule_sends_the_admins_the_preview_and_publishes_nothing()
    {
        _time.Set(TestClock.Beijing(2023, 4, 6, 9));
        var outcome = await _bot.Service<ScheduledPublication>().RunOnceAsync(TestClock.Beijing(2023, 4, 6, 9), CancellationToken.None);

        Assert.Equal(PublishStatus.PreviewSent, outcome!.Status);
        Assert.Empty(await _bot.Service<RankingAnnouncementStore>().ListAsync());
        Assert.Empty(_connector.PostsTo(Group.Id));
        var personal = _connector.PostsTo(TestConversation.Personal(TestUser.Admin).Id);
        Assert.Contains("按计划生成了2023年3月招商引资情况通报的预览，尚未发送", personal[0].Activity.Value<string>("text"));
        var cards = personal.SelectMany(p => p.Activity["attachments"]!.Select(a => (JObject)a["content"]!)).ToList();
        Assert.Contains("宝坻区招商引资情况通报（2023年3月）", BotClient.CardText(cards[0]));
        var confirm = cards.Last();
        Assert.Contains("确认发布：2023年3月通报", BotClient.CardText(confirm));

        // The admin confirms from that card: only now does it go out.
        var data = (JObject)confirm["actions"]!.First(a => a.Value<string>("verb") == RankingCards.ConfirmVerb)["data"]!;
        await _bot.Client.ExecuteAsync(RankingCards.ConfirmVerb, data, TestUser.Admin);
        await _bot.WaitForStateAsync("2023-03.r0", AnnouncementState.Completed, Timeout);
        Assert.NotEmpty(_connector.PostsTo(Group.Id));
    }
}

/// <summary>The office may let the schedule publish on its own; even then not while the month's window is open.</summary>
[Trait("Category", "Http")]
public sealed class RankingAutoPublishTests
{
    [Fact]
    public async Task Publish_mode_publishes_after_the_window_and_only_previews_while_it_is_open()
    {
        var time = new ShiftedTime(TestClock.Beijing(2023, 4, 3));
        await using var connector = await FakeBotConnector.StartAsync();
        await using var bot = await RankingBot.StartAsync(connector, RankingSamples.Figures(3), time: time,
            settings: new Dictionary<string, string?> { ["InvestBot:Ranking:ScheduleMode"] = "Publish" });
        var ids = await bot.SeedSubscribedGroupsAsync(connector.ServiceUrl, 1);

        var early = await bot.Service<ScheduledPublication>().RunOnceAsync(TestClock.Beijing(2023, 4, 3, 9), CancellationToken.None);
        Assert.Equal(PublishStatus.PreviewSent, early!.Status);
        Assert.Empty(await bot.Service<RankingAnnouncementStore>().ListAsync());

        time.Set(TestClock.Beijing(2023, 4, 6, 9));
        var onTime = await bot.Service<ScheduledPublication>().RunOnceAsync(TestClock.Beijing(2023, 4, 6, 9), CancellationToken.None);
        Assert.Equal(PublishStatus.Started, onTime!.Status);
        await bot.WaitForStateAsync("2023-03.r0", AnnouncementState.Completed, TimeSpan.FromSeconds(30));
        Assert.NotEmpty(connector.PostsTo(ids[0]));
    }
}

/// <summary>评分规则: the rules in force with their sources, for admins in the personal chat.</summary>
[Trait("Category", "Http")]
public sealed class ScoringRulesCommandTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;
    private RankingBot _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = await RankingBot.StartAsync(_connector, new FakeFiguresReader());
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Admins_see_every_rule_with_its_source()
    {
        var text = BotClient.AllText(await _bot.Client.SayAsync("评分规则", TestUser.Admin));

        Assert.Contains("评分规则（现行）", text);
        // Office staff read the card: where the data files live is in the docs, not on it (issue 21).
        Assert.DoesNotContain(".json", text);
        Assert.DoesNotContain("Data/", text);
        Assert.Contains("**约谈人数**：3 个单位", text);
        // Readings are labelled as the office's (issue 19): the months of 季度/半年/全年, counting the categories together.
        Assert.Contains("出处：区合作交流办设定：（二十七）写“季度、半年、全年”，未写月份", text);
        Assert.Contains("**不填报、不排名、不约谈**：区纪委监委、区委督查室", text);
        Assert.Contains("**不填报、不排名、不约谈**：区委组织部", text);
        Assert.Contains("出处：（九）（二十八）区委组织部与区合作交流办共同管理招商人员", text);
        Assert.Contains("出处：（二十六）“跟踪问效”的责任单位含区纪委监委、区委督查室", text);
        Assert.Contains("**区税务局、市规划和自然资源局宝坻分局**：照常填报，不参加排名；不约谈", text);
        Assert.Contains("**未报送的单位**：排在本类最后（彼此并列），标“未报送”，可列入约谈", text);
        Assert.Contains("**全区累计的归属**：只加街镇、载体单位的数字", text);
        Assert.Contains("**联系“链主”企业**：不在各单位填报表上，不计分", text);
        Assert.Contains("出处：区合作交流办设定：（十五）“区领导…每月至少联系所包保的…“链主”企业1次”是区领导的职责", text);
        Assert.Contains("**其中：超亿元项目**：是“其中：超千万元项目”的一部分，不能大于它", text);
        Assert.Contains("服务型总部型企业 3000家以上", text);
        Assert.Contains("**各区直部门**：行业招商队伍人数不少于 3人", text);
        Assert.Contains("出处：（二十七）“排名后三位的单位”", text);
        Assert.Contains("**计算范围**：街镇、区直部门、载体单位合计", text);
        Assert.Contains("**走出去招商组**：不排名；不约谈", text);
        Assert.Contains("**单项完成率上限**：150%", text);
        Assert.Contains("出处：区合作交流办设定：文件未规定单项完成率上限", text);
        Assert.Contains("**各街镇**：专业招商队伍人数不少于 5人", text);
        Assert.Contains("**京津中关村科技城管委会（2023年）**：新引进实体项目 30个", text);
        Assert.Contains("**各走出去招商组（每年）**：对接落地项目实际投资到位额不少于 20000万元，逐项核对达标", text);
        Assert.Contains("**自动发布**：未启用", text); // the test bot runs without the schedule

        Assert.Contains(BotTexts.AdminOnly("评分规则"), BotClient.AllText(await _bot.Client.SayAsync("评分规则", TestUser.Named("张三"))));
    }

    [Fact]
    public void The_default_schedule_is_stated_as_a_preview_for_the_admins()
    {
        var card = new RankingRulesCard(RankingSamples.Rules, RankingSamples.Requirements, RankingSamples.District, RankingSamples.Units,
            RankingSamples.Catalog, Microsoft.Extensions.Options.Options.Create(new RankingOptions()));
        var line = card.Sections().SelectMany(s => s.Lines).Single(l => l.Rule == "自动发布");
        Assert.Equal("按计划（0 9 6 * *）把上月通报预览发给管理员确认", line.Value);
    }

    [Fact]
    public void Every_line_names_an_article_or_says_it_is_an_office_setting()
    {
        var sections = _bot.Service<RankingRulesCard>().Sections();
        var lines = sections.SelectMany(s => s.Lines).ToList();
        Assert.True(lines.Count > 20);
        Assert.All(lines, l => Assert.True(InvestBot.Common.RuleSource.IsArticle(l.Source) || InvestBot.Common.RuleSource.IsOffice(l.Source), l.Rule + " → " + l.Source));
    }
}
