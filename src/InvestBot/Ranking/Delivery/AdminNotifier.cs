using InvestBot.Access;
using InvestBot.Conversations;

namespace InvestBot.Ranking.Delivery;

/// <summary>Tells admins, in their personal chat with the bot, how a publication went.</summary>
public sealed class AdminNotifier
{
    private readonly IConversationStore _conversations;
    private readonly IAnnouncementSender _sender;
    private readonly UserRoles _roles;
    private readonly ILogger<AdminNotifier> _log;

    public AdminNotifier(IConversationStore conversations, IAnnouncementSender sender, UserRoles roles, ILogger<AdminNotifier> log)
    {
        _conversations = conversations;
        _sender = sender;
        _roles = roles;
        _log = log;
    }

    /// <summary>Notifies <paramref name="userId"/> when it is an admin, otherwise (the schedule) every admin.</summary>
    public async Task NotifyAsync(string? userId, string text, CancellationToken ct)
    {
        var ids = userId is not null && _roles.IsAdmin(new UserIdentity(userId, null)) ? [userId] : _roles.AdminIds.ToList();
        foreach (var id in ids)
        {
            var chat = await _conversations.FindPersonalChatAsync(id, ct);
            if (chat is null)
            {
                _log.LogInformation("Admin {Admin} has no personal chat with the bot yet; not notified", id);
                continue;
            }
            var result = await _sender.SendAsync(chat, new OutgoingMessage(null, text), ct);
            if (result.Status != SendStatus.Sent) _log.LogWarning("Could not notify admin {Admin}: {Status} {Detail}", id, result.Status, result.Detail);
        }
    }

    public static string CompletionText(Announcement a, DeliveryProgress p)
    {
        var head = $"{(a.IsCorrection ? "【更正】" : "")}{a.Period.Label}招商引资情况通报发布完成：已送达 {p.Sent}/{p.Total} 个会话";
        if (p.Inactive + p.Failed == 0) return head + "。";
        return head + $"，失效 {p.Inactive} 个，失败 {p.Failed} 个：\n" + string.Join("\n", p.Problems.Take(30).Select(x => "· " + x));
    }
}
