using InvestBot.Announcements;

namespace InvestBot.Ranking;

/// <summary>The monthly ranking as an announcement kind (rows written before kinds existed have no Kind column: they are rankings).</summary>
public sealed class RankingAnnouncementKind(RankingAnnouncementStore announcements, IAnnouncementRenderer renderer, Bulletin.BulletinLinks links)
    : IAnnouncementKind
{
    public const string Name = AnnouncementStore.UntaggedKind;

    public string Kind => Name;

    /// <summary>Every conversation gets the same 下载通报表 link: it expires a fixed time after publication.</summary>
    public async Task<IReadOnlyList<OutgoingMessage>?> RenderAsync(AnnouncementRecord announcement, CancellationToken ct) =>
        await announcements.GetAsync(announcement.Id, ct) is { } a ? renderer.Render(a, await links.ForCardAsync(a, ct)) : null;

    /// <summary>From the id (<see cref="Announcement.IdOf"/>: period and revision), so no snapshot is read for it.</summary>
    public string Title(AnnouncementRecord announcement)
    {
        var parts = announcement.Id.Split(".r");
        if (parts.Length != 2 || !RankingPeriod.TryParse(parts[0], out var period)) return announcement.Id;
        return $"{(parts[1] == "0" ? "" : "【更正】")}{period.Label}招商引资情况通报";
    }
}
