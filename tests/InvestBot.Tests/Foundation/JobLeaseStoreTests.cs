using Microsoft.Extensions.Time.Testing;
using InvestBot.Storage;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Foundation;

[Trait("Category", "Integration")]
public sealed class JobLeaseStoreTests
{
    [Fact]
    public async Task Only_one_of_many_instances_claims_an_occurrence()
    {
        var store = new JobLeaseStore(await TestTables.NewProviderAsync(), new FakeTimeProvider(TestClock.Beijing(2023, 4, 3)));

        var claims = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() => store.TryClaimAsync("job", "202304030900", "i" + i, TimeSpan.FromMinutes(5)))));

        Assert.Single(claims, c => c);
        Assert.True(await store.TryClaimAsync("job", "202304040900", "i0", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task An_abandoned_claim_is_taken_over_once_its_lease_ran_out_but_a_completed_one_never()
    {
        var time = new FakeTimeProvider(TestClock.Beijing(2023, 4, 3));
        var store = new JobLeaseStore(await TestTables.NewProviderAsync(), time);
        await store.TryClaimAsync("job", "a", "dead", TimeSpan.FromMinutes(5));
        await store.TryClaimAsync("job", "b", "done", TimeSpan.FromMinutes(5));
        await store.CompleteAsync("job", "b");

        Assert.False(await store.TryClaimAsync("job", "a", "other", TimeSpan.FromMinutes(5)));
        time.AdjustTime(time.GetUtcNow().AddMinutes(6));
        var takeovers = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() => store.TryClaimAsync("job", "a", "t" + i, TimeSpan.FromMinutes(5)))));

        Assert.Single(takeovers, c => c);
        Assert.False(await store.TryClaimAsync("job", "b", "other", TimeSpan.FromMinutes(5)));
    }
}
