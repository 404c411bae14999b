using System.Text.Json;
using InvestBot.Access;
using InvestBot.Ranking.Delivery;

namespace InvestBot.KeyProjects;

public enum ReportPublishStatus { Started, AlreadyPublished, NoSubscribers }

public sealed record ReportPublishOutcome(ReportPublishStatus Status, AnnouncementRecord? Announcement = null, int Total = 0);

/// <summary>What 发布项目通报 would send, shown to the admin before anything is sent.</summary>
public sealed record ReportPreview(MajorProjectReport Report, AnnouncementRecord? Published, int Subscribers);

/// <summary>
/// Publishes a quarter's 重大招商项目推进情况通报 through the announcement delivery the ranking uses (one queue, claims,
/// Teams' rate limits, retries, the admin's completion notice): the report is stored insert-only under "kp-2023Q1.r0", so a
/// quarter goes out once however often 确认发布 is pressed, by however many admins or instances.
/// </summary>
public sealed class MajorProjectPublisher(MajorProjectReportBuilder reports, AnnouncementStore announcements, AnnouncementDispatcher dispatcher)
{
    public const string Kind = "keyProjects";
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string IdOf(ReportQuarter quarter) => $"kp-{quarter.Key}.r0";

    public static string Title(MajorProjectReport report) => $"{report.QuarterLabel}重大招商项目推进情况通报";

    public async Task<ReportPreview> PreviewAsync(ReportQuarter quarter, CancellationToken ct = default) =>
        new(await reports.BuildAsync(quarter, ct), await announcements.GetRecordAsync(IdOf(quarter), ct), (await dispatcher.TargetsAsync(ct)).Count);

    public async Task<ReportPublishOutcome> PublishAsync(ReportQuarter quarter, UserIdentity by, CancellationToken ct = default)
    {
        if (await announcements.GetRecordAsync(IdOf(quarter), ct) is { } existing)
            return new ReportPublishOutcome(ReportPublishStatus.AlreadyPublished, existing);
        var targets = await dispatcher.TargetsAsync(ct);
        if (targets.Count == 0) return new ReportPublishOutcome(ReportPublishStatus.NoSubscribers);

        // Built at the moment of publication: what every conversation receives is this snapshot.
        var report = await reports.BuildAsync(quarter, ct);
        var record = new AnnouncementRecord(IdOf(quarter), Kind, by.Id, by.Name, report.GeneratedAt, Title: Title(report),
            Snapshot: JsonSerializer.Serialize(report, Json));
        if (!await announcements.TryCreateAsync(record, ct))
            return new ReportPublishOutcome(ReportPublishStatus.AlreadyPublished, await announcements.GetRecordAsync(record.Id, ct));
        var total = await dispatcher.StartAsync(record.Id, targets, ct);
        return new ReportPublishOutcome(ReportPublishStatus.Started, record with { State = AnnouncementState.Delivering, Total = total }, total);
    }

    /// <summary>The report inside a stored announcement of this kind (null when it is not one).</summary>
    public static MajorProjectReport? Read(AnnouncementRecord record) =>
        record.Kind == Kind && record.Snapshot is { Length: > 0 } json ? JsonSerializer.Deserialize<MajorProjectReport>(json, Json) : null;
}
