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
        // The bot as deployed, in its own process: a refused start is the process ending with the reason, which an
        // in-process test host reports only sometimes (its start failure can surface as a disposed host instead).
        var azurite = await AzuriteServer.Shared;
        var dir = AppContext.BaseDirectory;
        await using var bot = EndToEnd.ChildProcess.Start("bot with a demo date", "dotnet",
            [Path.Combine(dir, "InvestBot.dll"), "--urls", $"http://127.0.0.1:{AzuriteServer.FreePort()}", "--contentRoot", dir], dir,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["InvestBot__StorageConnectionString"] = azurite.ConnectionString,
                ["InvestBot__TablePrefix"] = TestTables.NewPrefix(),
                ["InvestBot__DemoToday"] = "2023-04-03",
            });

        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await bot.Process.WaitForExitAsync(exit.Token);
        bot.Process.WaitForExit(); // and for the last lines of its output to be read
        Assert.Contains("honoured only in the Development environment", bot.Output);
        Assert.DoesNotContain("Application started", bot.Output);
    }
}
