namespace InvestBot.Announcements;

/// <summary>
/// Any announcement as the delivery sees it, whatever its kind: the monthly ranking (ids "2023-03.r0"), the quarterly
/// key-project report (ids "kp-2023Q1.r0"), each with its capability's own id scheme. <paramref name="Snapshot"/> is the
/// kind's own JSON (what every conversation receives, stored at publication).
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
/// completion notice). The capability that publishes it registers it (Ranking: the monthly ranking and its 约谈;
/// KeyProjects: the quarterly 重大项目通报). Each kind renders its own cards; everything else is shared.
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
