using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>
/// The office starts on 7 April 2023 with InvestBot:Reporting:StartMonth = 2023-03: March (and the earlier months of
/// 2023) stay open for first submissions without 逾期 until the stated first deadline; the deadline is a date.
/// </summary>
[Trait("Category", "Http")]
public sealed class FirstMonthHttpTests : ReportingBotTestBase
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["InvestBot:Reporting:StartMonth"] = "2023-03",
        ["InvestBot:Reporting:FirstMonthDeadline"] = "2023-04-20",
    };

    [Fact]
    public async Task The_start_month_opens_after_the_regular_window_closed_and_nothing_is_marked_overdue()
    {
        Time.SetUtcNow(new DateTimeOffset(2023, 4, 7, 2, 0, 0, TimeSpan.Zero)); // 7 April, 10:00 in Beijing
        var reporter = TestUser.Named("李明");
        await BindAsync(reporter, Chaoyang);

        var form = await FormAsync(reporter, "填报3月数据");
        Assert.Contains("4月20日", BotClient.CardText(form));
        var receipt = await Bot.ExecuteAsync("report.submit", Submission(form, TownValues()), reporter);

        var text = BotClient.CardText(receipt.Card!);
        Assert.Contains("已提交", text);
        Assert.DoesNotContain("逾期", text);
        Assert.False((await Figures.GetAsync(March, Chaoyang))!.Late);

        var status = BotClient.CardText(BotClient.Cards((await Bot.SayAsync("填报情况 2023-03", TestUser.Admin)).Single()).Single());
        Assert.Contains("潮阳街道", status);
        Assert.DoesNotContain("逾期", status);
        Assert.Contains("4月20日", status);

        // Asked in everyday words (issue 21), the month's form opens rather than a command suggestion.
        foreach (var words in new[] { "我要报3月的数", "我来填一下３月的数据" })
        {
            var asked = await FormAsync(reporter, words);
            Assert.Equal("report.submit", asked.SelectToken("actions[0].verb")!.ToString());
            Assert.Contains("3月", BotClient.CardText(asked));
        }

        // February, before the start month, is open for its first submission too.
        var february = await FormAsync(reporter, "填报 2023-02");
        Assert.DoesNotContain("逾期", BotClient.CardText(february));
    }

    [Fact]
    public async Task After_the_first_deadline_the_month_closes_and_one_command_reopens_it_for_every_unit_to_the_end_of_a_day()
    {
        Time.SetUtcNow(new DateTimeOffset(2023, 4, 21, 22, 8, 0, TimeSpan.Zero)); // 22 April, 06:08 in Beijing
        var reporter = TestUser.Named("李明");
        await BindAsync(reporter, Chaoyang);
        Assert.Contains("截止", BotClient.AllText(await Bot.SayAsync("填报3月数据", reporter)));

        var replies = await Bot.SayAsync("重新开放 全部 2023-03", TestUser.Admin);

        var text = BotClient.AllText(replies);
        Assert.Contains("个单位重新开放2023年3月的填报，至4月25日（含当天）", text);
        Assert.DoesNotContain("06:08", text);
        Assert.Contains("已通知 1 位填报人", text);
        var form = await FormAsync(reporter, "填报3月数据");
        Assert.Equal("report.submit", form.SelectToken("actions[0].verb")!.ToString());
    }

    [Fact]
    public async Task Reopening_all_is_for_admins_and_a_month_still_open_needs_none()
    {
        Time.SetUtcNow(new DateTimeOffset(2023, 4, 7, 2, 0, 0, TimeSpan.Zero));
        Assert.Contains("只有", BotClient.AllText(await Bot.SayAsync("重新开放 全部 2023-03", TestUser.Named("张三"))));
        Assert.Contains("尚未截止（4月20日截止）", BotClient.AllText(await Bot.SayAsync("重新开放 全部 2023-03", TestUser.Admin)));
    }
}
