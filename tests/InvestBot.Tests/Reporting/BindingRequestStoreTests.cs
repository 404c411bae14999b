using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Reporting;

[Trait("Category", "Integration")]
public sealed class BindingRequestStoreTests
{
    [Fact]
    public async Task Two_admins_deciding_at_once_take_the_request_only_once()
    {
        var store = new BindingRequestStore(await TestTables.NewProviderAsync());
        await store.PutAsync(new BindingRequest("29:user/with#odd?chars", "张三", "town-chaoyang", DateTimeOffset.UtcNow));

        var taken = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.TakeAsync("29:user/with#odd?chars", "town-chaoyang"))));

        Assert.Single(taken, t => t is not null);
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task A_newer_request_replaces_the_old_one_and_the_old_decision_no_longer_applies()
    {
        var store = new BindingRequestStore(await TestTables.NewProviderAsync());
        await store.PutAsync(new BindingRequest("u1", "张三", "town-chaoyang", DateTimeOffset.UtcNow));
        await store.PutAsync(new BindingRequest("u1", "张三", "town-baoping", DateTimeOffset.UtcNow));

        Assert.Null(await store.TakeAsync("u1", "town-chaoyang"));
        Assert.Equal("town-baoping", Assert.Single(await store.ListAsync()).UnitId);
    }
}
