using InvestBot.Reporting;
using InvestBot.Reporting.Bot;
using InvestBot.Teams;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>Issue 14, 一键催报 on 填报情况: the bound reporters of missing units are reminded; units without a reporter are listed.</summary>
[Trait("Category", "Http")]
public sealed class RemindMissingHttpTests : ReportingBotTestBase
{
    private readonly TestUser _talked = TestUser.Named("张三");    // 潮阳街道, has a personal chat with the bot
    private readonly TestUser _silent = TestUser.Named("王五");    // 宝平街道, never talked to the bot
    private readonly TestUser _done = TestUser.Named("李四");      // 大白庄镇, already reported

    private static JObject MarchPayload => new ReportMonthPayload(March.Key).ToData();

    private async Task SetUpAsync()
    {
        await BindAsync(_talked, Chaoyang);
        await BindAsync(_silent, "town-baoping");
        await BindAsync(_done, "town-dabaizhuang");
        await Bot.SayAsync("帮助", _talked);
        await Bot.SayAsync("帮助", _done);
        await Figures.SaveAsync(new FigureSubmission("town-dabaizhuang", March, new Dictionary<string, decimal> { ["domesticProjects"] = 1 }, 0, "x", "李四", false));
    }

    private int RemindersTo(TestUser user) => Connector.To(TestConversation.Personal(user).Id).Count(a => a.Text?.StartsWith("提醒") == true);

    private async Task<JObject> StatusAsync(string text = "填报情况") => BotClient.Cards(Assert.Single(await Bot.SayAsync(text, TestUser.Admin))).Single();

    [Fact]
    public async Task The_status_card_offers_the_reminder_and_lists_units_without_a_reporter()
    {
        await SetUpAsync();

        var card = await StatusAsync();

        var remind = card.SelectTokens("actions[*]").Single(a => a.Value<string>("verb") == ReportViewCards.RemindVerb);
        Assert.Equal(("Action.Execute", "一键催报（2 个单位）", March.Key), (remind.Value<string>("type"), remind.Value<string>("title"), remind.SelectToken("data.month")!.ToString()));
        var noReporter = card.SelectTokens("$..text").Select(t => t.ToString()).Single(t => t.StartsWith("其中无填报人"));
        Assert.Contains("大口屯镇", noReporter);
        Assert.DoesNotContain("潮阳街道", noReporter);
        Assert.DoesNotContain("大白庄镇", noReporter);
    }

    [Fact]
    public async Task One_press_reminds_every_reachable_reporter_once_and_says_who_could_not_be_reached()
    {
        await SetUpAsync();

        var pressed = await Bot.ExecuteAsync(ReportViewCards.RemindVerb, MarchPayload, TestUser.Admin);
        Assert.True(pressed.Card is not null, pressed.Message);
        var result = pressed.Card!;
        var again = await Bot.ExecuteAsync(ReportViewCards.RemindVerb, MarchPayload, TestUser.Admin);

        var text = BotClient.CardText(result);
        Assert.Contains("已向 1 位填报人发送提醒和填报表（2 个未报单位）", text);
        Assert.Contains("已送达：张三（潮阳街道）", text);
        Assert.Contains("未能送达（1）：王五（宝平街道）", text);
        Assert.Contains("无填报人（", text);
        Assert.Contains("大口屯镇", text);
        var reminder = await Connector.WaitForAsync(TestConversation.Personal(_talked).Id, a => a.Text?.StartsWith("提醒") == true);
        Assert.Equal("提醒：潮阳街道2023年3月数据尚未提交，截止日期为4月5日。", reminder.Text);
        Assert.Equal("report.submit", BotClient.Cards(reminder).Single().SelectToken("actions[0].verb")!.ToString());
        Assert.Equal(ReportingTexts.RemindedJustNow, again.Message);
        Assert.Equal((1, 0), (RemindersTo(_talked), RemindersTo(_done)));

        // Ten minutes later the office may remind again.
        Time.Advance(TimeSpan.FromMinutes(10));
        await Bot.ExecuteAsync(ReportViewCards.RemindVerb, MarchPayload, TestUser.Admin);
        await Connector.WaitForAsync(TestConversation.Personal(_talked).Id, a => a.Text?.StartsWith("提醒") == true && RemindersTo(_talked) == 2);
    }

    [Fact]
    public async Task Reporters_cannot_press_it()
    {
        await SetUpAsync();

        var pressed = await Bot.ExecuteAsync(ReportViewCards.RemindVerb, MarchPayload, _talked);

        Assert.Equal(BotTexts.AdminOnlyAction, pressed.Message);
        Assert.Equal(0, RemindersTo(_talked));
    }

    [Fact]
    public async Task After_the_deadline_only_reopened_units_are_reminded_and_before_the_month_ends_none()
    {
        await SetUpAsync();
        Time.SetUtcNow(TestClock.Beijing(2023, 4, 6, 9));

        var closed = await StatusAsync("填报情况 2023-03");
        var pressedClosed = await Bot.ExecuteAsync(ReportViewCards.RemindVerb, MarchPayload, TestUser.Admin);
        var early = await Bot.ExecuteAsync(ReportViewCards.RemindVerb, new ReportMonthPayload("2023-04").ToData(), TestUser.Admin);

        Assert.DoesNotContain(closed.SelectTokens("actions[*].verb"), v => v.ToString() == ReportViewCards.RemindVerb);
        Assert.Contains("已截止，没有已重新开放且未报送的单位可催报", pressedClosed.Message);
        Assert.Contains("2023年4月还不能填报（5月1日起可填报）", early.Message);

        await Bot.SayAsync("重新开放 潮阳街道 2023-03", TestUser.Admin);
        var reopened = (await Bot.ExecuteAsync(ReportViewCards.RemindVerb, MarchPayload, TestUser.Admin)).Card!;
        Assert.Contains("已向 1 位填报人发送提醒和填报表（1 个未报单位）", BotClient.CardText(reopened));
        Assert.Equal(1, RemindersTo(_talked));
    }
}
