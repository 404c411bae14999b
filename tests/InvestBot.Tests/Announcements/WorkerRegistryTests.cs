using Microsoft.Extensions.Time.Testing;
using InvestBot.Announcements;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Announcements;

[Trait("Category", "Integration")]
public sealed class WorkerRegistryTests
{
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Live_workers_are_counted_and_silent_or_departed_ones_stop_counting()
    {
        var tables = await TestTables.NewProviderAsync();
        var time = new FakeTimeProvider(TestClock.Beijing(2023, 4, 6));
        var a = new WorkerRegistry(tables, time);
        var b = new WorkerRegistry(tables, time);
        var c = new WorkerRegistry(tables, time);

        Assert.Equal(1, await a.HeartbeatAsync(Stale, default));
        Assert.Equal(2, await b.HeartbeatAsync(Stale, default));
        Assert.Equal(3, await c.HeartbeatAsync(Stale, default));

        await c.LeaveAsync(default);                          // clean stop
        time.AdjustTime(time.GetUtcNow().AddSeconds(10));
        Assert.Equal(2, await a.HeartbeatAsync(Stale, default));
        time.AdjustTime(time.GetUtcNow().AddSeconds(10));            // b silent for 20 s: crashed
        Assert.Equal(1, await a.HeartbeatAsync(Stale, default));
        Assert.Equal(2, await b.HeartbeatAsync(Stale, default)); // b comes back
    }
}
