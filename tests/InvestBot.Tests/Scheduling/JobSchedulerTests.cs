using InvestBot.Conversations;
using InvestBot.Scheduling;
using InvestBot.Storage;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace InvestBot.Tests.Scheduling;

/// <summary>
/// The scheduler in the real host, on a fake clock (FakeTimeProvider) shared by instances that share Azurite tables, with
/// a test job that records its runs. Instances stop and start while the clock stands still, like a restart across 09:00.
/// </summary>
[Trait("Category", "Integration")]
public sealed class JobSchedulerTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(TestClock.Beijing(2023, 4, 6, 8));
    private readonly string _prefix = TestTables.NewPrefix();
    private readonly JobRuns _runs = new();
    private readonly List<BotApp> _apps = new();
    private FakeBotConnector _connector = null!;

    private static DateTimeOffset Beijing(int month, int day, int hour, int minute = 0) =>
        TestClock.Beijing(2023, month, day, hour).AddMinutes(minute);

    public async Task InitializeAsync() => _connector = await FakeBotConnector.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task<BotApp> StartAsync(string instance, string schedule, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["InvestBot:TablePrefix"] = _prefix,
            ["InvestBot:Ranking:ScheduleEnabled"] = "false",
            ["InvestBot:Ranking:WorkerEnabled"] = "false",
            ["InvestBot:Reporting:ReminderCron"] = "",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        var app = await BotApp.StartAsync(settings, s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.AddSingleton<IScheduledJob>(new CountingJob(schedule, _runs, instance));
        });
        _ = app.Server; // start the host and its scheduler now
        _apps.Add(app);
        return app;
    }

    private async Task StopAsync(BotApp app)
    {
        _apps.Remove(app);
        await app.DisposeAsync();
    }

    private static ScheduledJobStatus StatusOf(BotApp app) => app.Service<JobScheduler>().Status[CountingJob.JobName];

    /// <summary>The loop has done everything due and sleeps on a timer of the fake clock.</summary>
    private bool Sleeping(BotApp app) => StatusOf(app).SleepUntil is { } until && until > _clock.GetUtcNow();

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(20); // polling for the scheduler's state
        }
    }

    /// <summary>Moves the fake clock to the earliest wake-up of the instances, once all of them sleep.</summary>
    private async Task AdvanceToNextWakeAsync(params BotApp[] apps)
    {
        await UntilAsync(() => apps.All(Sleeping), "the schedulers did not settle");
        _clock.SetUtcNow(apps.Min(a => StatusOf(a).SleepUntil!.Value));
    }

    private List<DateTimeOffset> RunOccurrences() => _runs.Completed.Select(r => r.Occurrence).OrderBy(o => o).ToList();

    [Fact]
    public async Task An_occurrence_missed_while_no_instance_ran_is_run_once_on_start_up_across_two_instances()
    {
        const string monthly = "0 9 6 * *"; // 09:00 on the 6th, office time
        var first = await StartAsync("a", monthly);
        await UntilAsync(() => Sleeping(first), "the first instance did not start waiting");
        Assert.Equal(Beijing(4, 6, 9), StatusOf(first).WakeAt);
        await StopAsync(first);

        _clock.SetUtcNow(Beijing(4, 6, 10, 30)); // no instance ran at 09:00
        var instances = await Task.WhenAll(StartAsync("a", monthly), StartAsync("b", monthly));
        await UntilAsync(() => _runs.Completed.Count == 1, "the missed occurrence was not caught up");
        // The instance that lost the claim looks again when the winner's lease would have run out.
        while (!instances.All(i => StatusOf(i).Handled == Beijing(4, 6, 9))) await AdvanceToNextWakeAsync(instances);

        Assert.Equal([Beijing(4, 6, 9)], RunOccurrences());
        var history = await instances[0].Service<JobHistoryStore>().GetAsync(CountingJob.JobName);
        Assert.Equal(("Ran", Beijing(4, 6, 9)), (history!.Outcome, history.Occurrence));

        // The next occurrence, a month later, also runs once: the clock moves a day at a time (waits are capped).
        for (var step = 0; step < 40 && _runs.Completed.Count < 2; step++) await AdvanceToNextWakeAsync(instances);
        await UntilAsync(() => instances.All(Sleeping), "the schedulers did not settle after May's run");
        Assert.Equal([Beijing(4, 6, 9), Beijing(5, 6, 9)], RunOccurrences());
        Assert.All(instances, i => Assert.True(StatusOf(i).SleepUntil - _clock.GetUtcNow() <= JobScheduler.MaxWait));
    }

    [Fact]
    public async Task An_occurrence_older_than_the_catch_up_window_is_skipped_and_the_admins_are_told_once()
    {
        var adminChat = "a:admin-personal-" + Guid.NewGuid().ToString("N")[..6];
        const string monthly = "0 9 6 * *";
        var first = await StartAsync("a", monthly);
        await first.Service<IConversationStore>().UpsertAsync(new ConversationRecord
        {
            ConversationId = adminChat, ConversationType = "personal", ServiceUrl = _connector.ServiceUrl, ChannelId = "msteams",
            UserAadObjectId = BotApp.AdminAadId, UserId = "29:admin", UserName = "合作办管理员",
        });
        await UntilAsync(() => Sleeping(first), "the first instance did not start waiting");
        await StopAsync(first);

        _clock.SetUtcNow(Beijing(4, 7, 12)); // 27 hours late, the window is 24
        var instances = await Task.WhenAll(StartAsync("a", monthly), StartAsync("b", monthly));
        var notice = await _connector.WaitForAsync(adminChat, a => a.Text?.Contains("超过补执行时限") == true);
        await UntilAsync(() => instances.All(Sleeping), "the schedulers did not settle");

        Assert.Contains("测试任务原定于 2023-04-06 09:00 执行", notice.Text);
        Assert.Empty(_runs.Completed);
        Assert.Single(_connector.To(adminChat), a => a.Text?.Contains("超过补执行时限") == true);
        Assert.All(instances, i => Assert.Equal(Beijing(5, 6, 9), StatusOf(i).WakeAt));
    }

    [Fact]
    public async Task A_failing_run_is_retried_with_backoff_and_completes_once()
    {
        _runs.FailNext(2);
        var app = await StartAsync("a", "0 9 * * *");
        await AdvanceToNextWakeAsync(app); // 09:00: fails
        await AdvanceToNextWakeAsync(app); // 09:01 (60 s later): fails again
        Assert.Equal(Beijing(4, 6, 9, 1), _clock.GetUtcNow());
        await AdvanceToNextWakeAsync(app); // 09:03 (the wait doubled): succeeds
        Assert.Equal(Beijing(4, 6, 9, 3), _clock.GetUtcNow());
        await UntilAsync(() => Sleeping(app) && StatusOf(app).Handled == Beijing(4, 6, 9), "the retry did not complete");

        Assert.Equal(3, _runs.Attempts);
        Assert.Equal([Beijing(4, 6, 9)], RunOccurrences());
        Assert.Equal(Beijing(4, 7, 9), StatusOf(app).WakeAt);
    }

    [Fact]
    public async Task A_schedule_years_apart_waits_a_day_at_a_time_and_still_fires()
    {
        var app = await StartAsync("a", "0 9 29 2 *"); // 29 February: next in 2024, far beyond what one timer can wait
        await UntilAsync(() => Sleeping(app), "the scheduler did not start waiting");
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 9, 0, 0, TimeSpan.FromHours(8)), StatusOf(app).WakeAt);
        Assert.Equal(JobScheduler.MaxWait, StatusOf(app).SleepUntil - _clock.GetUtcNow());

        await AdvanceToNextWakeAsync(app);
        await UntilAsync(() => Sleeping(app), "the scheduler did not wait again after a day");
        _clock.SetUtcNow(new DateTimeOffset(2024, 2, 29, 8, 0, 0, TimeSpan.FromHours(8)));
        await UntilAsync(() => Sleeping(app), "the scheduler did not wait for 09:00");
        await AdvanceToNextWakeAsync(app);
        await UntilAsync(() => _runs.Completed.Count == 1, "the occurrence did not run");

        Assert.Equal([new DateTimeOffset(2024, 2, 29, 9, 0, 0, TimeSpan.FromHours(8))], RunOccurrences());
    }
}
