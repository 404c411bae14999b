using Azure.Data.Tables;
using InvestBot.Announcements;
using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Conversations;
using InvestBot.Organization;
using InvestBot.Scheduling;
using InvestBot.Storage;
using InvestBot.Teams;
using InvestBot.Teams.Commands;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;

namespace InvestBot.Hosting;

public static class ServiceRegistration
{
    /// <summary>The host, storage and Teams glue every capability builds on.</summary>
    public static IServiceCollection AddInvestBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InvestBotOptions>()
            .Bind(configuration.GetSection(InvestBotOptions.Section))
            .PostConfigure(o =>
            {
                // Flat environment-variable spellings people expect from Azure App Service.
                o.StorageConnectionString = FirstNonEmpty(configuration["StorageConnectionString"], o.StorageConnectionString);
                if (configuration["Admins"] is { Length: > 0 } admins)
                    o.Admins = admins.Split(',', ';', ' ').Where(a => a.Length > 0).ToList();
                if (string.IsNullOrEmpty(o.DataDirectory))
                    o.DataDirectory = Path.Combine(AppContext.BaseDirectory, "Data");
            });

        services.AddSingleton(sp => Clock(sp.GetRequiredService<IOptions<InvestBotOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<OfficeClock>();

        // Storage: a connection string, a managed identity (account endpoint configured) or Azurite (see StorageClients).
        services.AddStorageClients(configuration);
        services.AddSingleton(sp => sp.GetRequiredService<StorageClients>().CreateTableService(TableProvider.ClientOptions()));
        services.AddSingleton<ITableProvider>(sp => new TableProvider(
            sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<InvestBotOptions>>().Value.TablePrefix));
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<StorageHealthCheck>(); // one instance: it keeps the last probe for 5 s
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        services.AddSingleton<JobLeaseStore>();
        services.AddScheduling(configuration);
        services.AddSingleton<SharedSecretStore>();
        services.AddSingleton<IConversationStore, TableConversationStore>();
        services.AddSingleton<IUnitBindingStore, TableUnitBindingStore>();
        services.AddSingleton<PeopleDirectory>();

        // Organisation and roles
        services.AddSingleton(sp => UnitDirectory.Load(Path.Combine(sp.GetRequiredService<IOptions<InvestBotOptions>>().Value.DataDirectory, "units.json")));
        services.AddSingleton<UserRoles>();

        // Bot Framework: with no MicrosoftAppId this runs unauthenticated for local use;
        // with one, every request must carry a valid Bot Framework token.
        services.AddHttpClient();
        services.AddBotConnectorHttp(configuration);
        services.AddSingleton<BotFrameworkAuthentication>(sp => new ReusedClientsAuthentication(BotAuthenticationSettings.Create(sp)));
        services.AddHostedService<BotAuthenticationStartupCheck>();

        // The trust boundary of /api/messages: only Teams, only the office's tenant, bounded bodies, turns per user.
        services.AddOptions<TrustBoundaryOptions>().Bind(configuration.GetSection(InvestBotOptions.Section));
        services.AddSingleton(sp => TeamsBoundary.From(sp.GetRequiredService<IOptions<TrustBoundaryOptions>>().Value,
            configuration, sp.GetRequiredService<IHostEnvironment>()));
        services.AddTurnRateLimiting();
        services.AddSingleton<InvestBotAdapter>();
        services.AddSingleton<CloudAdapter>(sp => sp.GetRequiredService<InvestBotAdapter>());
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<InvestBotAdapter>());
        services.AddSingleton<IBot, InvestBotActivityHandler>();
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<PrivateReplies>();
        services.AddSingleton<CommandSuggestions>();
        services.AddSingleton<ConversationTracker>();
        services.AddSingleton<PeopleTracker>();
        services.AddSingleton<PersonalMessenger>();
        services.AddSingleton<IPersonalMessenger>(sp => sp.GetRequiredService<PersonalMessenger>());
        services.AddAnnouncements(configuration);

        services.AddSingleton<CommandTable>();
        services.AddCommandSection(KernelCommands.Section);
        return services;
    }

    /// <summary>The system clock, or (Development only) one moved to InvestBot:DemoToday.</summary>
    private static TimeProvider Clock(InvestBotOptions options, IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(options.DemoToday)) return TimeProvider.System;
        if (!environment.IsDevelopment())
            throw new InvalidOperationException("InvestBot:DemoToday is for demos and end-to-end tests: it is honoured only in the Development environment.");
        if (!DateOnly.TryParseExact(options.DemoToday.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var today))
            throw new InvalidOperationException($"InvestBot:DemoToday '{options.DemoToday}' must be a date written yyyy-MM-dd.");
        return ShiftedTimeProvider.ToDay(TimeProvider.System, today, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
    }

    private static string FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "";
}
