using InvestBot.Teams;

namespace InvestBot.Announcements;

/// <summary>Removing the bot from a conversation ends its subscription.</summary>
public sealed class SubscriptionRemovalListener(SubscriptionStore subscriptions) : IConversationRemovedListener
{
    public Task OnConversationRemovedAsync(string conversationId, CancellationToken ct) => subscriptions.UnsubscribeAsync(conversationId, ct);
}
