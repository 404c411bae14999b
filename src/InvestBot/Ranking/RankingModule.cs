using InvestBot.Common;
using InvestBot.Ranking.Delivery;
using InvestBot.Reporting;
using InvestBot.Scheduling;
using InvestBot.Storage;
using InvestBot.Teams;
using InvestBot.Ranking.Bot;
using InvestBot.Teams.Commands;
using Microsoft.Extensions.Options;

namespace InvestBot.Ranking;

public static class RankingModule
{
    public static IServiceCollection AddRanking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RankingOptions>().Bind(configuration.GetSection(RankingOptions.Section));

        // Scoring (IMonthlyFiguresReader comes from the reporting capability).
        services.AddSingleton(sp =>
        {
            var rules = RankingRules.Load(Path.Combine(sp.GetRequiredService<IOptions<InvestBotOptions>>().Value.DataDirectory, "ranking-weights.json"));
            rules.Validate(sp.GetRequiredService<MetricCatalog>());
            rules.Validate(sp.GetRequiredService<Organization.UnitDirectory>());
            return rules;
        });
        services.AddSingleton<RankingCalculator>();
        services.AddSingleton<RankingService>();

        // Subscriptions, announcements, deliveries (Table Storage) and the delivery queue (Queue Storage, same account).
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<AnnouncementStore>();
        services.AddSingleton<IPublishedRankingSource, AnnouncedRankings>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<InvestBotOptions>>().Value;
            var name = DeliveryQueue.NameFor(o.TablePrefix, sp.GetRequiredService<IOptions<RankingOptions>>().Value.QueueName);
            return new DeliveryQueue(sp.GetRequiredService<StorageClients>().CreateQueue(name));
        });
        services.AddSingleton<InvestBot.Common.IQueueDepth, DeliveryQueueDepth>();
        services.AddSingleton<SendPacer>();
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<DeliveryProcessor>();
        services.AddSingleton<AnnouncementDispatcher>();
        services.AddSingleton<IAnnouncementKind, RankingAnnouncementKind>();
        services.AddSingleton<RankingPublisher>();
        services.AddSingleton<AdminNotifier>();
        services.AddSingleton<PoisonDeliveries>();
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        services.AddSingleton<ScheduledPublication>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<ScheduledPublication>());

        // Teams glue.
        services.AddSingleton<IAnnouncementSender, RankingConnectorSender>();
        services.AddSingleton(sp => new RankingAnnouncementCards(sp.GetRequiredService<MetricCatalog>(), sp.GetRequiredService<OfficeClock>()));
        services.AddSingleton<IAnnouncementRenderer>(sp => sp.GetRequiredService<RankingAnnouncementCards>());
        services.AddSingleton<RankingPreview>();
        services.AddSingleton<RankingRulesCard>();
        services.AddSingleton<IPreviewSender, AdminPreviewSender>();
        services.AddCommandSection(RankingCommands.Section);
        services.AddSingleton<IConversationRemovedListener, SubscriptionRemovalListener>();
        return services;
    }
}
