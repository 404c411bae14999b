using InvestBot.Access;
using InvestBot.Conversations;
using InvestBot.Reporting;

using InvestBot.Announcements;

namespace InvestBot.Ranking;

/// <summary>Stale: another publication came in between. InterviewChanged: the 约谈 list is no longer the one the admin confirmed.
/// PreviewSent: the schedule sent the admins a preview to confirm instead of publishing.</summary>
public enum PublishStatus { Started, AlreadyPublished, NothingToCorrect, NoSubscribers, Stale, InterviewChanged, PreviewSent, Unchanged }

/// <param name="Announcement">The new announcement (Started) or the existing one (AlreadyPublished).</param>
public sealed record PublishOutcome(PublishStatus Status, Announcement? Announcement = null, int Total = 0);

/// <summary>What 发布排名 would do, shown to the admin before anything is sent.</summary>
/// <param name="Window">Where the month's reporting window stands (open: units may still report).</param>
/// <param name="Deadline">The last reporting day of the month, office time.</param>
public sealed record PublishPreview(RankingResult Ranking, int NextRevision, IReadOnlyList<Announcement> Existing, int Subscribers,
    WindowState Window = WindowState.Closed, DateOnly Deadline = default)
{
    /// <summary>A correction would publish exactly what the last publication said (no figure, target or rule changed).</summary>
    public bool Unchanged { get; init; }

    public bool WindowStillOpen => Window is WindowState.Open or WindowState.NotYetOpen;
}

/// <summary>
/// Publishing: stores the announcement (insert-only, so a period is published once unless corrected), one delivery record per
/// subscribed conversation, and one queue ticket per delivery (<see cref="AnnouncementDispatcher"/>). Every step can be repeated after a crash.
/// </summary>
public sealed class RankingPublisher(RankingService ranking, RankingAnnouncementStore announcements,
    AnnouncementDispatcher dispatcher, TimeProvider time, ReportingWindow window)
{
    public async Task<PublishPreview> PreviewAsync(RankingPeriod period, CancellationToken ct = default)
    {
        var existing = await announcements.ListAsync(period, ct);
        var targets = await dispatcher.TargetsAsync(ct);
        var result = await FirstOfYearWithoutComparisonAsync(period, await ranking.ComputeAsync(period, ct), ct);
        var month = new ReportingMonth(period.Year, period.Month);
        return new PublishPreview(result, existing.Count == 0 ? 0 : existing.Max(a => a.Revision) + 1, existing, targets.Count,
            window.StateOf(month), window.Deadline(month)) { Unchanged = await SameAsLastAsync(existing, result, ct) };
    }

    /// <summary>
    /// Nothing of this year was published before this month: there is no last month's ranking people saw, so no 较上月
    /// (a rank computed for an unpublished month would read “持平” on the office's very first announcement).
    /// </summary>
    private async Task<RankingResult> FirstOfYearWithoutComparisonAsync(RankingPeriod period, RankingResult result, CancellationToken ct)
    {
        var earlier = (await announcements.ListAsync(null, ct)).Any(a => a.Period.Year == period.Year && a.Period.Month < period.Month);
        return earlier ? result : result with
        {
            Categories = result.Categories.Select(c => c with { Units = c.Units.Select(u => u with { PreviousRank = null }).ToList() }).ToList(),
        };
    }

    /// <summary>The latest publication of the period says what <paramref name="computed"/> would say.</summary>
    private async Task<bool> SameAsLastAsync(IReadOnlyList<Announcement> existing, RankingResult computed, CancellationToken ct)
    {
        if (existing.Count == 0) return false;
        var last = await announcements.GetAsync(existing.MaxBy(a => a.Revision)!.Id, ct);
        return last is not null && RankingAnnouncementStore.SnapshotText(last.Ranking) == RankingAnnouncementStore.SnapshotText(RankingSnapshot.ForPublication(computed));
    }

    /// <param name="expectedRevision">The revision the admin previewed; another publication in between makes this Stale.</param>
    /// <param name="expectedInterview">The <see cref="RankingResult.InterviewKey"/> the admin saw; a different 约谈 list now
    /// (figures changed since the preview) makes this InterviewChanged, so nobody is summoned without having been shown.</param>
    public async Task<PublishOutcome> PublishAsync(RankingPeriod period, bool correction, UserIdentity by, int? expectedRevision = null,
        string? expectedInterview = null, CancellationToken ct = default)
    {
        var existing = await announcements.ListAsync(period, ct);
        if (!correction && existing.Count > 0) return new PublishOutcome(PublishStatus.AlreadyPublished, existing[0]);
        if (correction && existing.Count == 0) return new PublishOutcome(PublishStatus.NothingToCorrect);
        var revision = existing.Count == 0 ? 0 : existing.Max(a => a.Revision) + 1;
        if (expectedRevision is { } expected && expected != revision) return new PublishOutcome(PublishStatus.Stale, existing.FirstOrDefault());

        var targets = await dispatcher.TargetsAsync(ct);
        if (targets.Count == 0) return new PublishOutcome(PublishStatus.NoSubscribers);

        var computed = await FirstOfYearWithoutComparisonAsync(period, await ranking.ComputeAsync(period, ct), ct);
        if (expectedInterview is not null && expectedInterview != computed.InterviewKey)
            return new PublishOutcome(PublishStatus.InterviewChanged);
        // A correction that corrects nothing would only tell the groups "第 N 次更正" with the same content.
        if (correction && await SameAsLastAsync(existing, computed, ct)) return new PublishOutcome(PublishStatus.Unchanged);
        var snapshot = RankingSnapshot.ForPublication(computed);
        var announcement = new Announcement(period, revision, snapshot, by.Id, by.Name, time.GetUtcNow());
        if (!await announcements.TryCreateAsync(announcement, ct))
        {
            // Someone published the same revision a moment ago (double click, two admins, the schedule).
            return new PublishOutcome(PublishStatus.AlreadyPublished, await announcements.GetAsync(announcement.Id, ct));
        }
        var total = await ResumeAsync(announcement, targets, ct);
        return new PublishOutcome(PublishStatus.Started, announcement with { State = AnnouncementState.Delivering, Total = total }, total);
    }

    /// <summary>Finishes a publication that stopped while preparing: adds missing deliveries, queues every unfinished one.</summary>
    public Task<int> ResumeAsync(Announcement announcement, IReadOnlyList<ConversationRecord>? targets = null, CancellationToken ct = default) =>
        dispatcher.StartAsync(announcement.Id, targets, ct);
}
