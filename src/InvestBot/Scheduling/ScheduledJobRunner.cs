using InvestBot.Storage;

namespace InvestBot.Scheduling;

public enum FireOutcome
{
    /// <summary>This instance ran the occurrence to the end.</summary>
    Ran,
    /// <summary>Another instance (or an earlier run) already completed it.</summary>
    AlreadyDone,
    /// <summary>Another instance is running it right now.</summary>
    HeldElsewhere,
    /// <summary>The run (or storage) failed; the claim was given up so it can be retried.</summary>
    Failed,
}

/// <summary>
/// Runs one occurrence of a job at most once across instances: claimed in <see cref="JobLeaseStore"/> (keyed by the
/// occurrence in UTC, to the second), completed there, then recorded in <see cref="JobHistoryStore"/>.
/// </summary>
public sealed class ScheduledJobRunner(JobLeaseStore leases, JobHistoryStore history, SchedulerNotices notices, TimeProvider time,
    ILogger<ScheduledJobRunner> log)
{
    public string InstanceId { get; } = Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..8];

    public static string OccurrenceKey(DateTimeOffset occurrence) => occurrence.UtcDateTime.ToString("yyyyMMddTHHmmssZ");

    public async Task<FireOutcome> FireAsync(IScheduledJob job, DateTimeOffset occurrence, CancellationToken ct)
    {
        var key = OccurrenceKey(occurrence);
        try
        {
            switch (await leases.ClaimAsync(job.Name, key, InstanceId, job.Lease, ct))
            {
                case LeaseClaim.Completed: return FireOutcome.AlreadyDone;
                case LeaseClaim.Held: return FireOutcome.HeldElsewhere;
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Could not claim {Job} at {Occurrence}; storage unavailable", job.Name, occurrence);
            return FireOutcome.Failed;
        }

        try
        {
            log.LogInformation("Running scheduled job {Job} for {Occurrence}", job.Name, occurrence);
            await job.RunAsync(occurrence, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "Scheduled job {Job} for {Occurrence} failed", job.Name, occurrence);
            try
            {
                await leases.ReleaseAsync(job.Name, key, InstanceId, ct);
            }
            catch (Exception release) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(release, "Could not release {Job} at {Occurrence}; a retry waits for the lease to run out", job.Name, occurrence);
            }
            return FireOutcome.Failed;
        }
        await FinishAsync(job.Name, occurrence, "Ran", ct);
        return FireOutcome.Ran;
    }

    /// <summary>An occurrence too old to catch up: one instance tells the admins and records it as skipped.</summary>
    public async Task SkipAsync(IScheduledJob job, DateTimeOffset occurrence, TimeSpan window, CancellationToken ct)
    {
        if (await leases.ClaimAsync(job.Name, OccurrenceKey(occurrence), InstanceId, job.Lease, ct) != LeaseClaim.Won) return;
        log.LogWarning("Scheduled job {Job}: the occurrence {Occurrence} was missed by more than {Window}; skipped", job.Name, occurrence, window);
        await notices.MissedAsync(job, occurrence, window, ct);
        await FinishAsync(job.Name, occurrence, "Skipped", ct);
    }

    /// <summary>The work is done: marking it so must survive a storage hiccup, or another instance would run it again.</summary>
    private async Task FinishAsync(string job, DateTimeOffset occurrence, string outcome, CancellationToken ct)
    {
        var key = OccurrenceKey(occurrence);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await leases.CompleteAsync(job, key, ct);
                break;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && attempt < 4)
            {
                log.LogWarning(e, "Could not mark {Job} at {Occurrence} completed (attempt {Attempt})", job, occurrence, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt * 2), time, ct);
            }
        }
        try
        {
            await history.RecordAsync(job, occurrence, outcome, InstanceId, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The lease says it ran, so a restart will not run it again; the history only speeds that decision up.
            log.LogWarning(e, "Could not record {Job} at {Occurrence} in the job history", job, occurrence);
        }
    }
}
