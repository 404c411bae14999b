using InvestBot.Conversations;

namespace InvestBot.Announcements;

/// <summary>
/// Starts (or resumes) the delivery of a stored announcement of any kind: one delivery record per subscribed conversation,
/// one queue ticket per unfinished delivery, then the announcement moves from Preparing to Delivering. Safe to repeat after
/// a crash; duplicate tickets are harmless because a delivery is claimed before it is sent.
/// </summary>
public sealed class AnnouncementDispatcher(AnnouncementStore announcements, DeliveryStore deliveries, DeliveryQueue queue,
    SubscriptionStore subscriptions, IConversationStore conversations)
{
    /// <returns>How many conversations the announcement goes to.</returns>
    public async Task<int> StartAsync(string announcementId, IReadOnlyList<ConversationRecord>? targets = null, CancellationToken ct = default)
    {
        targets ??= await TargetsAsync(ct);
        var total = await deliveries.AddMissingAsync(announcementId, targets, ct);
        var open = (await deliveries.ListAsync(announcementId, ct)).Where(d => !d.IsFinal);
        await queue.EnqueueAsync(open.Select(d => new DeliveryTicket(announcementId, d.Conversation.ConversationId)), ct);
        await announcements.TryTransitionAsync(announcementId, AnnouncementState.Preparing, AnnouncementState.Delivering, total, ct);
        return total;
    }

    /// <summary>Active subscriptions whose conversation the bot is still installed in.</summary>
    public async Task<IReadOnlyList<ConversationRecord>> TargetsAsync(CancellationToken ct = default)
    {
        var subscribed = (await subscriptions.ListAsync(activeOnly: true, ct)).Select(s => s.ConversationId).ToHashSet();
        return (await conversations.ListAsync(includeRemoved: false, ct)).Where(c => subscribed.Contains(c.ConversationId)).ToList();
    }
}
