using InvestBot.Announcements;

namespace InvestBot.Ranking;

/// <summary>Turns a ranking announcement into the messages (cards) posted into each conversation, in order.</summary>
public interface IAnnouncementRenderer
{
    /// <param name="downloadUrl">The signed link to the announcement's 通报表 (下载通报表), when there is one.</param>
    IReadOnlyList<OutgoingMessage> Render(Announcement announcement, string? downloadUrl = null);
}
