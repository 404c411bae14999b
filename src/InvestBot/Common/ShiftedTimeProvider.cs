namespace InvestBot.Common;

/// <summary>
/// Real time moved by whole days, so the office's "today" is another date while clocks keep running (timers, delays and
/// time-of-day are real). For demos and end-to-end tests of date-bound rules (InvestBot:DemoToday), never for production.
/// </summary>
public sealed class ShiftedTimeProvider(TimeProvider inner, TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset => offset;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;

    /// <summary>Shifts <paramref name="inner"/> so that today, in <paramref name="zone"/>, is <paramref name="today"/>.</summary>
    public static ShiftedTimeProvider ToDay(TimeProvider inner, DateOnly today, TimeZoneInfo zone)
    {
        var now = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(inner.GetUtcNow(), zone).DateTime);
        return new ShiftedTimeProvider(inner, TimeSpan.FromDays(today.DayNumber - now.DayNumber));
    }
}
