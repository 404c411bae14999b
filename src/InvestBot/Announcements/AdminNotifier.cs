using InvestBot.Teams.Cards;
using InvestBot.Access;
using InvestBot.Conversations;

namespace InvestBot.Announcements;

/// <summary>Tells admins, in their personal chat with the bot, how a publication went.</summary>
public sealed class AdminNotifier(IPersonalMessenger messenger, UserRoles roles)
{
    /// <summary>Notifies <paramref name="userId"/> when it is an admin, otherwise (the schedule) every admin.
    /// An admin who never opened a chat with the bot is skipped (the messenger logs it).</summary>
    public async Task NotifyAsync(string? userId, string text, CancellationToken ct)
    {
        var ids = userId is not null && roles.IsAdmin(new UserIdentity(userId, null)) ? [userId] : roles.AdminIds.ToList();
        foreach (var id in ids)
            await messenger.SendTextAsync(id, text, ct);
    }

    /// <param name="title">The announcement as its kind names it (<see cref="IAnnouncementKind.Title"/>).</param>
    public static string CompletionText(string title, DeliveryProgress p)
    {
        var head = $"{title}发布完成：已送达 {p.Sent}/{p.Total} 个会话";
        if (p.Inactive + p.Failed == 0) return head + "。";
        return head + $"，失效 {p.Inactive} 个，失败 {p.Failed} 个：\n" + string.Join("\n", p.Problems.Take(30).Select(x => "· " + CardText.Literal(x)));
    }
}
