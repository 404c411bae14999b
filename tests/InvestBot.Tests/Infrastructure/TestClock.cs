using Microsoft.Extensions.Time.Testing;

namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// Test clocks are <see cref="FakeTimeProvider"/>: time moves only when the test says so, and timers (so Task.Delay)
/// fire as it passes their due time. The office reasons in Beijing wall-clock time, so tests do too.
/// </summary>
public static class TestClock
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A moment given as Beijing wall-clock time.</summary>
    public static DateTimeOffset Beijing(int year, int month, int day, int hour = 10) =>
        new(new DateTime(year, month, day, hour, 0, 0), Shanghai.BaseUtcOffset);

    /// <summary>A clock standing at a Beijing wall-clock time.</summary>
    public static FakeTimeProvider AtBeijing(int year, int month, int day, int hour = 10) => new(Beijing(year, month, day, hour));

    /// <summary>Moves the clock millisecond by millisecond, as real time would, letting each due timer's continuation run.</summary>
    public static void Run(this FakeTimeProvider time, TimeSpan by)
    {
        for (var ms = 0; ms < (int)by.TotalMilliseconds; ms++) time.Advance(TimeSpan.FromMilliseconds(1));
    }
}
