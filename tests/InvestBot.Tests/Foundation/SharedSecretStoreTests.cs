using InvestBot.Storage;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Foundation;

[Trait("Category", "Integration")]
public sealed class SharedSecretStoreTests
{
    [Fact]
    public async Task Instances_racing_to_create_a_secret_all_get_the_same_one()
    {
        var tables = await TestTables.NewProviderAsync();

        // Each "instance" has its own store object; only the table is shared.
        var keys = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Task.Run(() => new SharedSecretStore(tables).GetOrCreateAsync("export-link-key", 32))));

        Assert.Equal(32, keys[0].Length);
        Assert.All(keys, k => Assert.Equal(keys[0], k));
        Assert.Equal(keys[0], await new SharedSecretStore(tables).GetOrCreateAsync("export-link-key", 32));
        Assert.NotEqual(keys[0], await new SharedSecretStore(tables).GetOrCreateAsync("another-key", 32));
    }
}
