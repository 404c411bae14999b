using InvestBot.Teams.Cards;
using InvestBot.Storage;

namespace InvestBot.Announcements;

/// <summary>
/// A delivery whose processing keeps throwing (not a refused send: those are retried and counted by
/// <see cref="DeliveryProcessor"/>) would otherwise come back every <see cref="DeliveryOptions.ClaimSeconds"/> for the queue's
/// seven days. <see cref="DeliveryProcessor"/> marks it Failed with the error once its ticket has been taken
/// <see cref="DeliveryOptions.MaxDequeueCount"/> times; this tells the publishing admin, once per announcement across instances
/// (a broken announcement would otherwise send one notice per conversation). The completion report lists every failure.
/// </summary>
public sealed class PoisonDeliveries(AnnouncementStore announcements, IEnumerable<IAnnouncementKind> kinds, AdminNotifier notifier, JobLeaseStore leases,
    ILogger<PoisonDeliveries> log)
{
    private const string NoticeJob = "poison-delivery-notices";

    public async Task ReportAsync(DeliveryTicket ticket, Conversations.ConversationRecord conversation, long dequeues, string reason)
    {
        var ct = CancellationToken.None;
        try
        {
            if (await leases.ClaimAsync(NoticeJob, ticket.AnnouncementId, Environment.MachineName, TimeSpan.FromMinutes(10), ct) != LeaseClaim.Won) return;
            // Whatever its kind (the ranking, a quarterly project report), the announcement names itself.
            var announcement = await announcements.GetRecordAsync(ticket.AnnouncementId, ct);
            var title = announcement is null ? ticket.AnnouncementId
                : kinds.FirstOrDefault(k => k.Kind == announcement.Kind)?.Title(announcement) ?? announcement.Title ?? announcement.Id;
            await notifier.NotifyAsync(announcement?.PublishedBy,
                $"{title}发往“{CardText.Literal(conversation.DisplayName)}”的投递反复出错 {dequeues} 次，已标记为发送失败：{reason}。" +
                "其余会话照常发送；全部完成后的汇总会列出每个失败的会话。", ct);
            await leases.CompleteAsync(NoticeJob, ticket.AnnouncementId, ct);
        }
        catch (Exception e)
        {
            // The delivery is marked Failed already; the completion report still lists it.
            log.LogWarning(e, "Could not tell the admin about the poison delivery {Announcement} → {Conversation}", ticket.AnnouncementId, ticket.ConversationId);
        }
    }

    public static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
