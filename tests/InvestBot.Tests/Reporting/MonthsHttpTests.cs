using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>Issue 14, "months": on 29 November 2026 a month without a year is never silently last year's.</summary>
[Trait("Category", "Http")]
public sealed class MonthsHttpTests : ReportingBotTestBase
{
    private readonly TestUser _reporter = TestUser.Named("张三");

    public MonthsHttpTests() => Time.SetUtcNow(TestClock.Beijing(2026, 11, 29));

    [Theory]
    [InlineData("填报11月数据", false)]
    [InlineData("填报 潮阳街道 11月", true)]
    public async Task This_month_has_not_ended_and_says_when_it_opens(string text, bool admin)
    {
        await BindAsync(_reporter, Chaoyang);

        var replies = await Bot.SayAsync(text, admin ? TestUser.Admin : _reporter);

        Assert.Empty(replies.SelectMany(BotClient.Cards));
        Assert.Equal("2026年11月尚未结束，12月1日起可填报。", BotClient.AllText(replies).Trim());
    }

    [Theory]
    [InlineData("填报12月数据", "填报 2025-12")]
    [InlineData("填报情况 12月", "填报情况 2025-12")]
    [InlineData("导出 12月", "导出 2025-12")]
    [InlineData("重新开放 潮阳街道 12月", "重新开放 2025-12")]
    public async Task A_later_month_without_a_year_is_asked_about(string text, string example)
    {
        await BindAsync(_reporter, Chaoyang);

        var replies = await Bot.SayAsync(text, text.StartsWith("填报12") ? _reporter : TestUser.Admin);

        Assert.Empty(replies.SelectMany(BotClient.Cards));
        Assert.Equal($"“12月”没有写年份：2025年12月已经过去，2026年12月尚未到来。请写明年份，例如：{example}。", BotClient.AllText(replies).Trim());
    }

    [Fact]
    public async Task Last_years_month_opens_only_when_the_year_is_written_and_then_says_so()
    {
        var form = BotClient.Cards(Assert.Single(await Bot.SayAsync("填报 潮阳街道 2025-11", TestUser.Admin))).Single();

        Assert.Equal("2025-11", form.SelectToken("actions[0].data.month")!.ToString());
        var text = BotClient.CardText(form);
        Assert.Contains("2025年11月", text);
        Assert.Contains("逾期补报", text);
    }

    [Fact]
    public async Task The_status_of_a_month_that_has_not_ended_says_when_it_opens()
    {
        var text = BotClient.AllText(await Bot.SayAsync("填报情况 11月", TestUser.Admin));

        Assert.Contains("2026年11月填报情况", text);
        Assert.Contains("尚未结束，12月1日起可填报", text);
    }
}
