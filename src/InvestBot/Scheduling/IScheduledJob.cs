namespace InvestBot.Scheduling;

/// <summary>
/// A job that runs on a cron schedule. Capabilities register theirs in DI; <see cref="JobScheduler"/> runs every one of them
/// the same way: one cron dialect, validated at start-up, each occurrence once across instances, a missed one caught up.
/// </summary>
public interface IScheduledJob
{
    /// <summary>Stable name, used as the lease and history key ("ranking-publish"). Letters, digits and '-'.</summary>
    string Name { get; }

    /// <summary>A short Chinese description for admins ("自动发布排名通报").</summary>
    string Title { get; }

    /// <summary>The configuration key the schedule comes from, named in every error about it.</summary>
    string ScheduleKey { get; }

    /// <summary>The cron text (see <see cref="CronSchedule"/>); null or blank disables the job.</summary>
    string? Schedule { get; }

    /// <summary>How long one run may take before another instance may assume this one died and take the occurrence over.</summary>
    TimeSpan Lease { get; }

    /// <summary>Runs the occurrence (an instant in UTC). Throwing means it did not complete; the scheduler retries it.</summary>
    Task RunAsync(DateTimeOffset occurrence, CancellationToken ct);
}
