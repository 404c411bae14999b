using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// The real InvestBot app (real CloudAdapter, real Azurite tables under a fresh prefix) hosted in-process.
/// </summary>
public sealed class BotApp : WebApplicationFactory<Program>
{
    public const string AdminAadId = "00000000-0000-0000-0000-0000000000ad";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private BotApp(string connectionString, IDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        TablePrefix = TestTables.NewPrefix();
        _settings = new()
        {
            ["InvestBot:StorageConnectionString"] = connectionString,
            ["InvestBot:TablePrefix"] = TablePrefix,
            ["InvestBot:Admins:0"] = AdminAadId,
            ["MicrosoftAppId"] = "",
            // Generous on a loaded build machine; the storage-hang tests set the production budget themselves.
            ["InvestBot:TurnStorageSeconds"] = "30",
            ["MicrosoftAppPassword"] = "",
            // Tests send hundreds of turns as one user; TrustBoundaryHttpTests set the production limit themselves.
            ["InvestBot:RateLimit:Burst"] = "1000000",
        };
        if (settings is not null)
            foreach (var (k, v) in settings) _settings[k] = v;
        _services = services;
    }

    public string TablePrefix { get; }

    public static async Task<BotApp> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var azurite = await AzuriteServer.Shared;
        return new BotApp(azurite.ConnectionString, settings, services);
    }

    public BotClient Client() => new(CreateClient());

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        // Development: the environment in which an empty MicrosoftAppId and any tenant are allowed (tests with an
        // identity or a tenant list configure them).
        builder.UseEnvironment("Development");
        if (_services is not null) builder.ConfigureServices(_services);
    }
}
