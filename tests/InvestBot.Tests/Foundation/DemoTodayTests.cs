using InvestBot.Common;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>InvestBot:DemoToday moves the office's date for demos and end-to-end tests, and only there.</summary>
[Trait("Category", "Http")]
public sealed class DemoTodayTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void The_shifted_clock_reads_the_demo_date_at_the_real_time_of_day_and_keeps_running()
    {
        var real = TestClock.AtBeijing(2026, 11, 27, 15);
        var shifted = ShiftedTimeProvider.ToDay(real, new DateOnly(2023, 4, 3), Shanghai);

        var office = new OfficeClock(shifted, Shanghai);
        Assert.Equal(new DateOnly(2023, 4, 3), office.Today);
        Assert.Equal(15, office.LocalNow.Hour);
        real.Advance(TimeSpan.FromHours(10));
        Assert.Equal(new DateOnly(2023, 4, 4), office.Today);
    }

    [Fact]
    public async Task Outside_the_Development_environment_the_bot_refuses_to_start_with_a_demo_date()
    {
        var (_, output) = await RefusedStart.RunAsync("bot with a demo date", new Dictionary<string, string?> { ["InvestBot__DemoToday"] = "2023-04-03" });

        Assert.Contains("honoured only in the Development environment", output);
        Assert.DoesNotContain("Application started", output);
    }
}
