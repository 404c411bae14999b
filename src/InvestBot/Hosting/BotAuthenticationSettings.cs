using InvestBot.Access;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace InvestBot.Hosting;

/// <summary>
/// The Bot Framework authentication the host uses. <see cref="ConfigurationBotFrameworkAuthentication"/> reads every key
/// itself (MicrosoftAppType/Id/Password/TenantId, and for sovereign clouds ChannelService, ToChannelFromBotLoginUrl,
/// ToChannelFromBotOAuthScope, ToBotFromChannelTokenIssuer, ToBotFromChannelOpenIdMetadataUrl, OAuthUrl, ValidateAuthority);
/// this class only fixes two defaults: an empty app type means SingleTenant (new multi-tenant bots can no longer be
/// created), and with no app id the bot runs unauthenticated — only in the Development environment (local runs and
/// tests): anywhere else an empty MicrosoftAppId stops the app at start-up, and there is no switch to allow it.
/// </summary>
public static class BotAuthenticationSettings
{
    public const string DefaultAppType = "SingleTenant";

    public static readonly string[] AppTypes = ["SingleTenant", "UserAssignedMSI", "MultiTenant"];

    /// <summary>The configuration the Bot Framework should see, with the defaults above applied and checked.</summary>
    public static IConfiguration Effective(IConfiguration configuration, IHostEnvironment environment)
    {
        var appId = configuration["MicrosoftAppId"];
        var type = configuration["MicrosoftAppType"];
        if (string.IsNullOrWhiteSpace(appId))
        {
            if (!environment.IsDevelopment())
                throw new InvalidOperationException(
                    $"MicrosoftAppId is empty in the {environment.EnvironmentName} environment: InvestBot never runs without its Bot Framework " +
                    "identity outside Development (anyone reaching /api/messages could act as any admin). Set MicrosoftAppId " +
                    "(with MicrosoftAppTenantId and MicrosoftAppPassword, or MicrosoftAppType=UserAssignedMSI); see docs/deploy.md.");
            // Local mode: no token is checked or sent. (SingleTenant would insist on an app id.)
            return Override(configuration, "MultiTenant");
        }

        type = string.IsNullOrWhiteSpace(type) ? DefaultAppType : type.Trim();
        if (!AppTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            throw new InvalidOperationException($"MicrosoftAppType '{type}' is not one of {string.Join(", ", AppTypes)}.");
        var tenant = configuration["MicrosoftAppTenantId"];
        var password = configuration["MicrosoftAppPassword"];
        if (!type.Equals("MultiTenant", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(tenant))
            throw new InvalidOperationException($"MicrosoftAppTenantId is required for MicrosoftAppType {type}.");
        if (type.Equals("SingleTenant", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(password))
            throw new InvalidOperationException("MicrosoftAppPassword (the app registration's client secret) is required for SingleTenant.");
        if (type.Equals("UserAssignedMSI", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(password))
            throw new InvalidOperationException("MicrosoftAppPassword must be empty for UserAssignedMSI: the managed identity has no secret.");
        return Override(configuration, type);
    }

    public static BotFrameworkAuthentication Create(IServiceProvider services) =>
        new ConfigurationBotFrameworkAuthentication(
            Effective(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>()),
            httpClientFactory: services.GetRequiredService<IHttpClientFactory>(),
            logger: services.GetRequiredService<ILoggerFactory>().CreateLogger("InvestBot.BotAuthentication"));

    private static IConfiguration Override(IConfiguration configuration, string appType) =>
        configuration["MicrosoftAppType"] == appType
            ? configuration
            : new ConfigurationBuilder()
                .AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppType"] = appType })
                .Build();
}

/// <summary>Builds the Bot Framework authentication while the host starts, so an incomplete identity stops the app with
/// the missing setting in the log (App Service shows the failed start) instead of failing every message later.</summary>
public sealed class BotAuthenticationStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        _ = services.GetRequiredService<BotFrameworkAuthentication>();
        _ = services.GetRequiredService<TeamsBoundary>();
        // A 督查 user configured for a unit the document gives no supervising role stops the start, naming the entry.
        _ = services.GetRequiredService<UserRoles>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
