using InvestBot.Reporting.Bot;
using InvestBot.Reporting;
using InvestBot.Scheduling;
using InvestBot.Teams;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InvestBot.Tests.Reporting;

[Trait("Category", "Http")]
public sealed class ReminderHttpTests : ReportingBotTestBase
{
    private readonly TestUser _late = TestUser.Named("张三");
    private readonly TestUser _done = TestUser.Named("李四");

    private async Task SetUpReportersAsync()
    {
        await BindAsync(_late, Chaoyang);
        await BindAsync(_done, "town-baoping");
        await Bot.SayAsync("帮助", _late);
        await Bot.SayAsync("帮助", _done);
        await Figures.SaveAsync(new FigureSubmission("town-baoping", March, new Dictionary<string, decimal> { ["domesticProjects"] = 1 }, 0, "x", "李四", false));
    }

    private ReportReminderJob Job => App.Service<ReportReminderJob>();

    /// <summary>A second scheduler runner over the same storage stands in for a second bot instance.</summary>
    private Task<FireOutcome> FireOnNewInstanceAsync(DateTimeOffset occurrence) =>
        ActivatorUtilities.CreateInstance<ScheduledJobRunner>(App.Services).FireAsync(Job, occurrence, CancellationToken.None);

    private int RemindersTo(TestUser user) => Connector.To(TestConversation.Personal(user).Id).Count(a => a.Text?.StartsWith("提醒") == true);

    [Fact]
    public async Task Two_days_before_the_deadline_only_missing_units_are_reminded_once_across_instances()
    {
        await SetUpReportersAsync();
        var occurrence = TestClock.Beijing(2023, 4, 3, 9);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => FireOnNewInstanceAsync(occurrence)));

        Assert.Single(outcomes, o => o == FireOutcome.Ran);
        var reminder = await Connector.WaitForAsync(TestConversation.Personal(_late).Id, a => a.Text?.StartsWith("提醒") == true);
        Assert.Contains("潮阳街道2023年3月数据尚未提交，截止日期为4月5日", reminder.Text);
        Assert.Equal("report.submit", BotClient.Cards(reminder).Single().SelectToken("actions[0].verb")!.ToString());
        Assert.Equal(1, RemindersTo(_late));
        Assert.Equal(0, RemindersTo(_done));

        // The same occurrence run again later (a restarted instance) sends nothing more.
        Assert.Equal(FireOutcome.AlreadyDone, await FireOnNewInstanceAsync(occurrence));
        Assert.Equal(1, RemindersTo(_late));
    }

    [Fact]
    public async Task Reminders_go_out_on_the_deadline_day_but_not_on_other_days()
    {
        await SetUpReportersAsync();

        Time.AdjustTime(TestClock.Beijing(2023, 4, 2, 9));
        var dayBefore = await Job.SendAsync(TestClock.Beijing(2023, 4, 2, 9), CancellationToken.None);
        Time.AdjustTime(TestClock.Beijing(2023, 4, 5, 9));
        var deadline = await Job.SendAsync(TestClock.Beijing(2023, 4, 5, 9), CancellationToken.None);
        Time.AdjustTime(TestClock.Beijing(2023, 4, 6, 9));
        var afterLock = await Job.SendAsync(TestClock.Beijing(2023, 4, 6, 9), CancellationToken.None);

        Assert.Equal((0, 1, 0), (dayBefore, deadline, afterLock));
        Assert.Equal(1, RemindersTo(_late));
    }
}

[Trait("Category", "Http")]
public sealed class ReminderConfigurationHttpTests : ReportingBotTestBase
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["InvestBot:Reporting:ReminderDaysBefore"] = "4",
        ["InvestBot:Reporting:WindowEndDay"] = "7",
    };

    [Fact]
    public async Task Days_before_and_the_deadline_are_configurable()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        await Bot.SayAsync("帮助", user);
        var onThe3rd = await App.Service<ReportReminderJob>().SendAsync(TestClock.Beijing(2023, 4, 3, 9), CancellationToken.None);

        Assert.Equal(1, onThe3rd);
        var reminder = await Connector.WaitForAsync(TestConversation.Personal(user).Id, a => a.Text?.StartsWith("提醒") == true);
        Assert.Contains("截止日期为4月7日", reminder.Text);
    }
}

[Trait("Category", "Http")]
public sealed class InvalidReminderScheduleHttpTests : ReportingBotTestBase
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["InvestBot:Reporting:ReminderCron"] = "every morning",
    };

    [Fact]
    public async Task A_bad_schedule_disables_reminders_but_the_bot_keeps_answering()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);

        var first = await FormAsync(user);
        var again = await FormAsync(user);

        Assert.Equal(first.SelectToken("actions[0].data")!.ToString(), again.SelectToken("actions[0].data")!.ToString());
    }
}
