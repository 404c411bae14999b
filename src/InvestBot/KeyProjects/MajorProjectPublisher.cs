using System.Text.Json;
using InvestBot.Access;
using InvestBot.Announcements;

namespace InvestBot.KeyProjects;

public enum ReportPublishStatus { Started, AlreadyPublished, NoSubscribers, Empty, NothingToCorrect, Unchanged, Stale }

public sealed record ReportPublishOutcome(ReportPublishStatus Status, AnnouncementRecord? Announcement = null, int Total = 0);

/// <summary>What 发布项目通报 / 更正项目通报 would send, shown to the admin before anything is sent.</summary>
/// <param name="Published">The latest publication of the quarter (the original or its latest correction), if any.</param>
/// <param name="Unchanged">The report now says exactly what <paramref name="Published"/> said.</param>
public sealed record ReportPreview(MajorProjectReport Report, AnnouncementRecord? Published, int Subscribers, int NextRevision = 0,
    bool Unchanged = false)
{
    /// <summary>No 重大 project in the ledger by the quarter's end: a report of dashes means nothing.</summary>
    public bool Empty => Report.Projects.Count == 0;
}

/// <summary>
/// Publishes a quarter's 重大招商项目推进情况通报 through the announcement delivery the ranking uses (one queue, claims,
/// Teams' rate limits, retries, the admin's completion notice): the report is stored insert-only under "kp-2023Q1.r0", so a
/// quarter goes out once however often 确认发布 is pressed, by however many admins or instances.
/// </summary>
public sealed class MajorProjectPublisher(MajorProjectReportBuilder reports, AnnouncementStore announcements, AnnouncementDispatcher dispatcher)
{
    public const string Kind = "keyProjects";
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int MaxRevisions = 50;

    public static string IdOf(ReportQuarter quarter, int revision = 0) => $"kp-{quarter.Key}.r{revision}";

    /// <summary>"kp-2023Q1.r1" → "2023Q1" (the id itself for anything else).</summary>
    public static string QuarterKeyOf(string id) => id.StartsWith("kp-", StringComparison.Ordinal) && id.IndexOf('.') is > 3 and var dot ? id[3..dot] : id;

    public static string Title(MajorProjectReport report) =>
        $"{report.QuarterLabel}重大招商项目推进情况通报" + (report.Revision > 0 ? $"（第 {report.Revision} 次更正）" : "");

    public async Task<ReportPreview> PreviewAsync(ReportQuarter quarter, CancellationToken ct = default)
    {
        var report = await reports.BuildAsync(quarter, ct);
        var (latest, revision) = await LatestAsync(quarter, ct);
        return new ReportPreview(report with { Revision = latest is null ? 0 : revision + 1 }, latest, (await dispatcher.TargetsAsync(ct)).Count,
            latest is null ? 0 : revision + 1, latest is not null && SameAs(latest, report));
    }

    /// <param name="correction">更正项目通报: a new revision of a published quarter.</param>
    /// <param name="expectedRevision">The revision the admin previewed; another publication in between makes this Stale.</param>
    public async Task<ReportPublishOutcome> PublishAsync(ReportQuarter quarter, UserIdentity by, bool correction = false, int? expectedRevision = null,
        CancellationToken ct = default)
    {
        var (latest, latestRevision) = await LatestAsync(quarter, ct);
        if (!correction && latest is not null)
            return new ReportPublishOutcome(ReportPublishStatus.AlreadyPublished, latest);
        if (correction && latest is null) return new ReportPublishOutcome(ReportPublishStatus.NothingToCorrect);
        var revision = latest is null ? 0 : latestRevision + 1;
        if (expectedRevision is { } expected && expected != revision) return new ReportPublishOutcome(ReportPublishStatus.Stale, latest);
        var targets = await dispatcher.TargetsAsync(ct);
        if (targets.Count == 0) return new ReportPublishOutcome(ReportPublishStatus.NoSubscribers);

        // Built at the moment of publication: what every conversation receives is this snapshot.
        var report = await reports.BuildAsync(quarter, ct) with { Revision = revision };
        if (report.Projects.Count == 0 && !correction) return new ReportPublishOutcome(ReportPublishStatus.Empty);
        if (latest is not null && SameAs(latest, report)) return new ReportPublishOutcome(ReportPublishStatus.Unchanged, latest);
        var record = new AnnouncementRecord(IdOf(quarter, revision), Kind, by.Id, by.Name, report.GeneratedAt, Title: Title(report),
            Snapshot: JsonSerializer.Serialize(report, Json));
        if (!await announcements.TryCreateAsync(record, ct))
            return new ReportPublishOutcome(ReportPublishStatus.AlreadyPublished, await announcements.GetRecordAsync(record.Id, ct));
        var total = await dispatcher.StartAsync(record.Id, targets, ct);
        return new ReportPublishOutcome(ReportPublishStatus.Started, record with { State = AnnouncementState.Delivering, Total = total }, total);
    }

    /// <summary>The quarter's latest publication and its revision (null, -1 when never published).</summary>
    private async Task<(AnnouncementRecord? Record, int Revision)> LatestAsync(ReportQuarter quarter, CancellationToken ct)
    {
        AnnouncementRecord? latest = null;
        var revision = -1;
        for (var r = 0; r < MaxRevisions && await announcements.GetRecordAsync(IdOf(quarter, r), ct) is { } record; r++)
            (latest, revision) = (record, r);
        return (latest, revision);
    }

    /// <summary>The published report says what <paramref name="report"/> says (when it was generated and its revision aside).</summary>
    private static bool SameAs(AnnouncementRecord published, MajorProjectReport report) =>
        Read(published) is { } old && Content(old) == Content(report);

    private static string Content(MajorProjectReport report) =>
        JsonSerializer.Serialize(report with { GeneratedAt = default, Revision = 0 }, Json);

    /// <summary>The report inside a stored announcement of this kind (null when it is not one, or its snapshot cannot be read).</summary>
    public static MajorProjectReport? Read(AnnouncementRecord record)
    {
        if (record.Kind != Kind || record.Snapshot is not { Length: > 0 } json) return null;
        try
        {
            // A snapshot stored by an older version may lack a list: then it is not readable as this kind, rather than a 500.
            return JsonSerializer.Deserialize<MajorProjectReport>(json, Json) is { ByStage: not null, Projects: not null, KindNames: not null } report
                ? report : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
