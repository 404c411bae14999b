using InvestBot.Announcements;
using InvestBot.Ranking.Bot;
using Microsoft.Extensions.Options;

namespace InvestBot.Ranking.Bulletin;

/// <summary>The two formats of the 通报表.</summary>
public enum BulletinFormat { Word, Workbook }

/// <summary>
/// The 通报表 as the document of the monthly ranking's announcements: the kernel signs and serves it like any announcement's
/// document (<see cref="AnnouncementDocumentLinks"/>). The card's link expires <see cref="RankingOptions.BulletinLinkDays"/>
/// after publication (every conversation gets the same link); the admin's 导出通报表 links live as long as other exports.
/// </summary>
public sealed class RankingBulletinDocument(RankingAnnouncementStore announcements, RankingBulletin bulletin, IOptions<RankingOptions> options)
    : IAnnouncementDocument
{
    /// <summary>Unchanged since the 通报表 was first posted, so links already in the groups' cards keep working.</summary>
    public const string Path = "/api/ranking/bulletin";

    public string Kind => RankingAnnouncementKind.Name;

    string IAnnouncementDocument.Path => Path;

    public IReadOnlyList<string> Formats { get; } = ["docx", "xlsx"];

    public DateTimeOffset CardLinkExpiry(AnnouncementRecord announcement) =>
        announcement.PublishedAt.AddDays(Math.Max(1, options.Value.BulletinLinkDays));

    public async Task<AnnouncementFile?> BuildAsync(AnnouncementRecord announcement, string format, CancellationToken ct)
    {
        if (await announcements.GetAsync(announcement.Id, ct) is not { } a) return null;
        return format == "docx"
            ? new AnnouncementFile(bulletin.Word(a), Common.Documents.OfficialDocument.ContentType, RankingBulletin.FileName(a, "docx"))
            : new AnnouncementFile(bulletin.Workbook(a), RankingBulletin.WorkbookContentType, RankingBulletin.FileName(a, "xlsx"));
    }

    public string InvalidLinkText => RankingTexts.BulletinLinkInvalid;

    public string ExpiredLinkText(string announcementId) => RankingTexts.BulletinLinkExpired(announcementId);

    public string MissingText => RankingTexts.BulletinMissing;
}

/// <summary>The 通报表 links of a ranking announcement, through the kernel's <see cref="AnnouncementDocumentLinks"/>.</summary>
public sealed class BulletinLinks(AnnouncementDocumentLinks links)
{
    /// <summary>The link posted with the announcement (the Word document).</summary>
    public Task<string?> ForCardAsync(Announcement a, CancellationToken ct) => links.ForCardAsync(RecordOf(a), ct);

    /// <summary>A short-lived link for an admin's 导出通报表.</summary>
    public Task<(string Url, DateTimeOffset Expires)> ForAdminAsync(Announcement a, BulletinFormat format, CancellationToken ct) =>
        links.ForAdminAsync(RecordOf(a), format == BulletinFormat.Word ? "docx" : "xlsx", ct);

    private static AnnouncementRecord RecordOf(Announcement a) =>
        new(a.Id, RankingAnnouncementKind.Name, a.PublishedBy, a.PublishedByName, a.PublishedAt, a.State, a.Total);
}
