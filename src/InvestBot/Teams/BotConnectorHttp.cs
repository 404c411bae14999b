using Microsoft.Extensions.Options;

namespace InvestBot.Teams;

/// <summary>
/// Every Bot Connector client (the adapter's per-turn clients, proactive messages, announcement delivery) gets its HttpClient
/// from IHttpClientFactory, whose primary handler recycles pooled connections after
/// <c>InvestBot:ConnectorConnectionLifetimeSeconds</c>: a client kept for a long time still resolves the Teams service's DNS
/// name again, so a change behind it is seen.
/// </summary>
public static class BotConnectorHttp
{
    public const string LifetimeKey = "InvestBot:ConnectorConnectionLifetimeSeconds";

    public static TimeSpan Lifetime(IConfiguration configuration) =>
        TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue(LifetimeKey, 300.0)));

    public static IServiceCollection AddBotConnectorHttp(this IServiceCollection services, IConfiguration configuration)
    {
        var lifetime = Lifetime(configuration);
        // The Bot Framework authentication is given this factory (Hosting/BotAuthenticationSettings); its default client is this one.
        services.AddHttpClient(Options.DefaultName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = lifetime })
            .SetHandlerLifetime(lifetime);
        return services;
    }
}
