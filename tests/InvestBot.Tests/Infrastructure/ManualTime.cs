namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// A clock the test sets: reporting windows depend on the date in Asia/Shanghai. Timers still run in real time, so a
/// running bot's background loops keep going; for timers that move only when the test says, see Ranking/ManualTimeProvider.
/// </summary>
public sealed class ManualTime : TimeProvider
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private DateTimeOffset _now;

    public ManualTime(DateTimeOffset now) => _now = now;

    /// <summary>A moment given as Beijing wall-clock time.</summary>
    public static ManualTime AtBeijing(int year, int month, int day, int hour = 10) => new(Beijing(year, month, day, hour));

    public static DateTimeOffset Beijing(int year, int month, int day, int hour = 10) =>
        new(new DateTime(year, month, day, hour, 0, 0), Shanghai.BaseUtcOffset);

    public void Set(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();
}
