using InvestBot.Common;
using InvestBot.Conversations;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using InvestBot.Announcements;

namespace InvestBot.Ranking.Bot;

/// <summary>订阅通报 (admins, in a group chat or channel): this conversation receives the announcements.</summary>
public sealed class SubscribeCommand(SubscriptionStore subscriptions, IConversationStore conversations, TimeProvider time) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var conversationId = ConversationTracker.ConversationIdOf(request.Turn.Activity)!;
        var record = await conversations.GetAsync(conversationId, ct) ?? ConversationTracker.FromActivity(request.Turn.Activity);
        var fresh = await subscriptions.SubscribeAsync(new Subscription(conversationId, record.DisplayName, record.ConversationType,
            request.User.Id, time.GetUtcNow()), ct);
        var place = Place.Of(request);
        await request.SendTextAsync(fresh ? RankingTexts.Subscribed(place, CardText.Literal(record.DisplayName)) : RankingTexts.AlreadySubscribed(place), ct);
    }
}

/// <summary>取消订阅 (admins, in a group chat or channel).</summary>
public sealed class UnsubscribeCommand(SubscriptionStore subscriptions) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var removed = await subscriptions.UnsubscribeAsync(ConversationTracker.ConversationIdOf(request.Turn.Activity)!, ct);
        var place = Place.Of(request);
        await request.SendTextAsync(removed ? RankingTexts.Unsubscribed(place) : RankingTexts.NotSubscribed(place), ct);
    }
}

/// <summary>订阅列表 (admins, anywhere): the conversations that receive the announcements.</summary>
public sealed class SubscriptionListCommand(SubscriptionStore subscriptions, OfficeClock clock) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct) =>
        await request.SendAsync(Card.ToActivity(RankingCards.Subscriptions(await subscriptions.ListAsync(ct: ct), clock), RankingTexts.SubscriptionListSummary), ct);
}

internal static class Place
{
    public static string Of(MessageRequest request) => request.ConversationType == "channel" ? "本频道" : "本群";
}
