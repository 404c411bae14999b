using InvestBot.Common;

namespace InvestBot.Announcements;

/// <summary>
/// The queue-depth gauge's source. Gauge callbacks are synchronous, so it answers the last known length at once and
/// asks the queue again in the background when that is older than <see cref="MaxAge"/>.
/// </summary>
public sealed class DeliveryQueueDepth(DeliveryQueue queue, TimeProvider time, ILogger<DeliveryQueueDepth> log) : IQueueDepth
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private sealed record Reading(long Depth, DateTimeOffset At);

    private volatile Reading? _last;
    private int _refreshing;

    public long? Current
    {
        get
        {
            var last = _last;
            if ((last is null || time.GetUtcNow() - last.At > MaxAge) && Interlocked.Exchange(ref _refreshing, 1) == 0)
                _ = RefreshAsync();
            return last?.Depth;
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            _last = new Reading(await queue.ApproximateCountAsync(), time.GetUtcNow());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning("Could not read the delivery queue's length: {Reason}", e.Message);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }
}
