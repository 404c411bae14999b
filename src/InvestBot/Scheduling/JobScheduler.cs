using System.Collections.Concurrent;
using InvestBot.Common;
using InvestBot.Storage;
using Microsoft.Extensions.Options;

namespace InvestBot.Scheduling;

/// <summary>Where one job stands in this instance (for tests and the log).</summary>
/// <param name="Handled">The newest occurrence this instance knows was dealt with (ran here or elsewhere, or skipped).</param>
/// <param name="WakeAt">The instant the loop waits for: the next occurrence or a retry.</param>
/// <param name="SleepUntil">When the current wait ends (at most a day ahead); in the past while the loop is working.</param>
/// <param name="ErrorReported">The admins were told about <paramref name="Error"/> (by this or another instance).</param>
public sealed record ScheduledJobStatus(string Job, string? Schedule, string? Error, DateTimeOffset? Handled, DateTimeOffset? WakeAt,
    DateTimeOffset? SleepUntil, int Runs, bool ErrorReported = false);

/// <summary>
/// Runs every registered <see cref="IScheduledJob"/> on its cron schedule in the office time zone. Each schedule is checked
/// at start-up: a bad one disables only its job, is logged with its configuration key and told to the admins; the host
/// keeps running. Waits are capped at a day (timers cannot wait for months). The last handled occurrence is kept in
/// <see cref="JobHistoryStore"/>, so an occurrence missed while no instance ran is run once at start-up when it is at most
/// <see cref="SchedulingOptions.CatchUpHours"/> late; a failed run is retried within that window too.
/// </summary>
public sealed class JobScheduler(IEnumerable<IScheduledJob> jobs, ScheduledJobRunner runner, JobHistoryStore history,
    SchedulerNotices notices, OfficeClock clock, TimeProvider time, IOptions<SchedulingOptions> options, ILogger<JobScheduler> log)
    : BackgroundService
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);
    private readonly SchedulingOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, ScheduledJobStatus> _status = new();
    private readonly List<(IScheduledJob Job, CronSchedule? Cron, string? Error)> _plan = new();

    public IReadOnlyDictionary<string, ScheduledJobStatus> Status => _status;

    public override Task StartAsync(CancellationToken ct)
    {
        foreach (var job in jobs)
        {
            if (_plan.Any(p => p.Job.Name == job.Name))
            {
                log.LogError("Two scheduled jobs are named {Job}; the second is ignored", job.Name);
                continue;
            }
            if (string.IsNullOrWhiteSpace(job.Schedule))
            {
                log.LogInformation("Scheduled job {Job} is off ({Key} is empty or disabled)", job.Name, job.ScheduleKey);
                _status[job.Name] = new(job.Name, null, null, null, null, null, 0);
                continue;
            }
            var (cron, error) = CronSchedule.Parse(job.ScheduleKey, job.Schedule, clock.Zone);
            if (error is not null) log.LogError("{Error}", error);
            _status[job.Name] = new(job.Name, job.Schedule, error, null, null, null, 0);
            _plan.Add((job, cron, error));
        }
        return base.StartAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stopping) =>
        Task.WhenAll(_plan.Select(p => p.Cron is null ? ReportInvalidAsync(p.Job, p.Error!, stopping) : LoopAsync(p.Job, p.Cron, stopping)));

    private async Task ReportInvalidAsync(IScheduledJob job, string error, CancellationToken stopping)
    {
        // Storage (and so the admins' chats) may not be up yet: try a few times, never failing the host.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await notices.InvalidScheduleAsync(job, error, stopping);
                _status[job.Name] = _status[job.Name] with { ErrorReported = true };
                return;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                log.LogWarning(e, "Could not tell the admins about the invalid schedule of {Job} (attempt {Attempt})", job.Name, attempt);
                if (!await PauseAsync(RetryDelay(attempt), stopping)) return;
            }
        }
    }

    private async Task LoopAsync(IScheduledJob job, CronSchedule cron, CancellationToken stopping)
    {
        var window = _options.CatchUpWindow;
        DateTimeOffset? handled = null;
        Pending? pending = null;
        var storageFailures = 0;
        while (!stopping.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            try
            {
                handled ??= await StartingPointAsync(job, now, stopping);
                storageFailures = 0;
                var since = pending?.Occurrence ?? handled.Value;
                if (cron.Latest(Max(since, now - window), now) is { } due)
                {
                    pending = new(due, now, 0);
                }
                else if (pending is null && cron.Next(since) is { } missed && missed <= now)
                {
                    // Missed, and every missed occurrence is older than the catch-up window.
                    await runner.SkipAsync(job, missed, window, stopping);
                    handled = now - window;
                    Update(job, handled, null);
                    continue;
                }

                if (pending is { } p && p.At <= now)
                {
                    if (now - p.Occurrence > window)
                    {
                        await runner.SkipAsync(job, p.Occurrence, window, stopping);
                        (handled, pending) = (p.Occurrence, null);
                        Update(job, handled, null);
                        continue;
                    }
                    switch (await runner.FireAsync(job, p.Occurrence, stopping))
                    {
                        case FireOutcome.Ran:
                            (handled, pending) = (p.Occurrence, null);
                            Update(job, handled, null, ran: true);
                            break;
                        case FireOutcome.AlreadyDone:
                            (handled, pending) = (p.Occurrence, null);
                            Update(job, handled, null);
                            break;
                        case FireOutcome.HeldElsewhere:
                            // Look again when that instance's lease runs out, in case it died half-way.
                            pending = p with { At = now + job.Lease };
                            break;
                        default:
                            pending = p with { At = now + RetryDelay(p.Failures + 1), Failures = p.Failures + 1 };
                            break;
                    }
                    continue;
                }
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                log.LogWarning(e, "Scheduler for {Job}: storage unavailable", job.Name);
                if (!await PauseAsync(RetryDelay(++storageFailures), stopping)) return;
                continue;
            }

            var wake = cron.Next(pending?.Occurrence ?? handled!.Value);
            if (pending is { } q && (wake is null || q.At < wake)) wake = q.At;
            if (wake is null)
            {
                log.LogWarning("Scheduled job {Job} ({Key} = {Cron}) has no further occurrence", job.Name, job.ScheduleKey, cron.Text);
                Update(job, handled, null);
                return;
            }
            var wait = wake.Value - now;
            // Timers cannot wait for months (Task.Delay tops out at ~49 days): wake at least daily and look again.
            var sleepFor = wait > MaxWait ? MaxWait : wait;
            var sleep = PauseAsync(sleepFor, stopping);
            Update(job, handled, wake, sleepUntil: now + sleepFor); // after the timer exists, so a fake clock moved past it wakes it
            if (!await sleep) return;
        }
    }

    /// <summary>The recorded last occurrence; on a job's very first start, now (nothing before it can have been missed).</summary>
    private async Task<DateTimeOffset> StartingPointAsync(IScheduledJob job, DateTimeOffset now, CancellationToken ct)
    {
        var last = await history.GetAsync(job.Name, ct) ?? await history.RecordAsync(job.Name, now, "Started", runner.InstanceId, ct);
        Update(job, last.Occurrence, null);
        return last.Occurrence;
    }

    private void Update(IScheduledJob job, DateTimeOffset? handled, DateTimeOffset? wakeAt, bool ran = false, DateTimeOffset? sleepUntil = null) =>
        _status.AddOrUpdate(job.Name, _ => new(job.Name, job.Schedule, null, handled, wakeAt, sleepUntil, ran ? 1 : 0),
            (_, s) => s with { Handled = handled, WakeAt = wakeAt, SleepUntil = sleepUntil, Runs = s.Runs + (ran ? 1 : 0) });

    private TimeSpan RetryDelay(int failures)
    {
        var seconds = _options.RetrySeconds * Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, _options.MaxRetryMinutes * 60));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private async Task<bool> PauseAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, time, stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private sealed record Pending(DateTimeOffset Occurrence, DateTimeOffset At, int Failures);
}
