using InvestBot.Common;
using InvestBot.Storage;
using InvestBot.Teams;
using Microsoft.Extensions.Options;

namespace InvestBot.Announcements;

public static class AnnouncementsModule
{
    /// <summary>
    /// The one delivery every announcement goes through: subscriptions, announcements and deliveries (Table Storage), the
    /// delivery queue (Queue Storage, same account), pacing, the worker, the Bot Connector sender. Capabilities register their
    /// kinds (<see cref="IAnnouncementKind"/>) and publish through <see cref="AnnouncementStore"/> and <see cref="AnnouncementDispatcher"/>.
    /// </summary>
    public static IServiceCollection AddAnnouncements(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section));
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<IConversationRemovedListener, SubscriptionRemovalListener>();
        services.AddSingleton<AnnouncementStore>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<InvestBotOptions>>().Value;
            var name = DeliveryQueue.NameFor(o.TablePrefix, sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.QueueName);
            return new DeliveryQueue(sp.GetRequiredService<StorageClients>().CreateQueue(name));
        });
        services.AddSingleton<IQueueDepth, DeliveryQueueDepth>();
        services.AddSingleton<SendPacer>();
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<DeliveryProcessor>();
        services.AddSingleton<AnnouncementDispatcher>();
        services.AddSingleton<AdminNotifier>();
        services.AddSingleton<PoisonDeliveries>();
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        services.AddSingleton<IAnnouncementSender, BotConnectorSender>();
        services.AddSingleton<AnnouncementDocumentLinks>();
        return services;
    }
}
