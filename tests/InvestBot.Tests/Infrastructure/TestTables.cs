using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Tests.Infrastructure;

/// <summary>A unique table prefix on the shared Azurite, so each test starts from empty tables.</summary>
public static class TestTables
{
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<TableProvider> NewProviderAsync()
    {
        var azurite = await AzuriteServer.Shared;
        return new TableProvider(new TableServiceClient(azurite.ConnectionString, TableProvider.ClientOptions()), NewPrefix());
    }
}
