using InvestBot.Access;
using InvestBot.Conversations;
using InvestBot.Ranking;
using InvestBot.Teams.Cards;

namespace InvestBot.Teams.Commands;

/// <summary>订阅通报 / 取消订阅 (admins, in a group chat or channel) and 订阅列表 (admins, anywhere).</summary>
public sealed class SubscriptionCommand : IMessageCommand
{
    private static readonly HashSet<string> SubscribeWords = ["订阅通报", "订阅排名通报", "订阅排名"];
    private static readonly HashSet<string> UnsubscribeWords = ["取消订阅", "取消订阅通报", "退订通报", "取消通报订阅"];
    private static readonly HashSet<string> ListWords = ["订阅列表", "通报订阅列表", "查看订阅", "订阅情况"];

    private readonly SubscriptionStore _subscriptions;
    private readonly IConversationStore _conversations;
    private readonly UserRoles _roles;
    private readonly TimeProvider _time;

    public SubscriptionCommand(SubscriptionStore subscriptions, IConversationStore conversations, UserRoles roles, TimeProvider time)
    {
        _subscriptions = subscriptions;
        _conversations = conversations;
        _roles = roles;
        _time = time;
    }

    public int Order => 20;

    public async Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct)
    {
        var text = request.Text.Trim('。', '.', '!', '！', ' ');
        var subscribe = SubscribeWords.Contains(text);
        var unsubscribe = UnsubscribeWords.Contains(text);
        if (!subscribe && !unsubscribe && !ListWords.Contains(text)) return false;

        if (!_roles.IsAdmin(request.User))
        {
            await request.SendTextAsync("只有区合作交流办管理员可以管理通报订阅。", ct);
            return true;
        }
        if (!subscribe && !unsubscribe)
        {
            await request.SendAsync(Card.ToActivity(RankingCards.Subscriptions(await _subscriptions.ListAsync(ct: ct)), "通报订阅列表"), ct);
            return true;
        }
        if (request.IsPersonal)
        {
            await request.SendTextAsync("请在需要接收通报的群聊或团队频道中 @InvestBot 发送“订阅通报”或“取消订阅”。", ct);
            return true;
        }

        var conversationId = ConversationTracker.ConversationIdOf(request.Turn.Activity)!;
        var place = request.ConversationType == "channel" ? "本频道" : "本群";
        if (unsubscribe)
        {
            var removed = await _subscriptions.UnsubscribeAsync(conversationId, ct);
            await request.SendTextAsync(removed ? $"已取消订阅：{place}不再接收招商引资情况通报。" : $"{place}没有订阅通报，无需取消。", ct);
            return true;
        }

        var record = await _conversations.GetAsync(conversationId, ct) ?? ConversationTracker.FromActivity(request.Turn.Activity);
        var fresh = await _subscriptions.SubscribeAsync(new Subscription(conversationId, record.DisplayName, record.ConversationType,
            request.User.Id, _time.GetUtcNow()), ct);
        await request.SendTextAsync(fresh
            ? $"已订阅：{place}（{record.DisplayName}）将收到每月招商引资情况通报。发送“取消订阅”可退订。"
            : $"{place}已订阅通报，无需重复订阅。", ct);
        return true;
    }
}

/// <summary>Removing the bot from a conversation ends its subscription.</summary>
public sealed class SubscriptionRemovalListener : IConversationRemovedListener
{
    private readonly SubscriptionStore _subscriptions;

    public SubscriptionRemovalListener(SubscriptionStore subscriptions) => _subscriptions = subscriptions;

    public Task OnConversationRemovedAsync(string conversationId, CancellationToken ct) => _subscriptions.UnsubscribeAsync(conversationId, ct);
}
