namespace InvestBot.Ranking.Delivery;

/// <summary>
/// Any announcement as the delivery sees it, whatever its kind: the ranking (ids "2023-03.r0") or another capability's
/// (ids with that capability's own prefix, e.g. "kp-2023Q1.r0"). <paramref name="Snapshot"/> is the kind's own JSON
/// (null for ranking rows, which the ranking reads through <see cref="AnnouncementStore.GetAsync"/>).
/// </summary>
public sealed record AnnouncementRecord(
    string Id,
    string Kind,
    string PublishedBy,
    string? PublishedByName,
    DateTimeOffset PublishedAt,
    AnnouncementState State = AnnouncementState.Preparing,
    int Total = 0,
    string? Title = null,
    string? Snapshot = null);

/// <summary>
/// A kind of announcement that flows through the one delivery pipeline (queue, claims, pacing, retries, progress,
/// completion notice). Each kind renders its own cards; everything else is shared.
/// </summary>
public interface IAnnouncementKind
{
    /// <summary>The value of the stored Kind column.</summary>
    string Kind { get; }

    /// <summary>The cards posted into each conversation, in order; null when the announcement cannot be read.</summary>
    Task<IReadOnlyList<OutgoingMessage>?> RenderAsync(AnnouncementRecord announcement, CancellationToken ct);

    /// <summary>How the admin's completion notice names it, e.g. 2023年3月招商引资情况通报.</summary>
    string Title(AnnouncementRecord announcement);
}

/// <summary>The monthly ranking as an announcement kind (rows written before kinds existed have no Kind column: they are rankings).</summary>
public sealed class RankingAnnouncementKind(AnnouncementStore announcements, IAnnouncementRenderer renderer, Bulletin.BulletinLinks links)
    : IAnnouncementKind
{
    public const string Name = "ranking";

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
