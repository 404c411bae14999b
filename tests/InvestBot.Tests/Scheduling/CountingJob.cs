using System.Collections.Concurrent;
using InvestBot.Scheduling;

namespace InvestBot.Tests.Scheduling;

/// <summary>Runs of a test job, shared by every instance's copy of the job, so a test sees all instances' runs together.</summary>
public sealed class JobRuns
{
    private int _failuresLeft;

    public ConcurrentQueue<(DateTimeOffset Occurrence, string Instance)> Completed { get; } = new();

    public int Attempts;

    /// <summary>The next <paramref name="times"/> runs throw (like a storage outage inside the job).</summary>
    public void FailNext(int times) => _failuresLeft = times;

    public bool ShouldFail() => Interlocked.Decrement(ref _failuresLeft) >= 0;
}

/// <summary>A scheduled job that only records its runs.</summary>
public sealed class CountingJob(string schedule, JobRuns runs, string instance) : IScheduledJob
{
    public const string JobName = "test-counting";

    public string Name => JobName;

    public string Title => "测试任务";

    public string ScheduleKey => "Test:CountingSchedule";

    public string? Schedule => schedule;

    public TimeSpan Lease => TimeSpan.FromMinutes(5);

    public Task RunAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        Interlocked.Increment(ref runs.Attempts);
        if (runs.ShouldFail()) throw new InvalidOperationException("simulated failure");
        runs.Completed.Enqueue((occurrence, instance));
        return Task.CompletedTask;
    }
}
