namespace InvestBot.Announcements;

/// <summary>When to try again: the service's Retry-After when given, else exponential backoff with jitter, capped.</summary>
public static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan? retryAfter, double maxSeconds)
    {
        if (retryAfter is { } after && after > TimeSpan.Zero)
            return after.TotalSeconds > maxSeconds ? TimeSpan.FromSeconds(maxSeconds) : after;
        var seconds = Math.Min(maxSeconds, Math.Pow(2, Math.Max(0, attempt - 1)));
        // ±20 % so instances that failed together do not come back together.
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }
}
