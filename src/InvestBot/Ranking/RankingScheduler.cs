using Cronos;
using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Ranking.Delivery;
using InvestBot.Storage;
using Microsoft.Extensions.Options;

namespace InvestBot.Ranking;

/// <summary>Sends the admins a publication preview to confirm (the Teams side renders it).</summary>
public interface IPreviewSender
{
    /// <returns>How many admins it reached.</returns>
    Task<int> SendAsync(PublishPreview preview, RankingPeriod period, string intro, CancellationToken ct);
}

/// <summary>
/// The schedule's turn at each occurrence, for the previous month: by default the admins get the preview to confirm
/// (<see cref="ScheduleMode.Preview"/>); with <see cref="ScheduleMode.Publish"/> it publishes, unless the month's reporting
/// window is still open, in which case it too only sends the preview.
/// </summary>
public sealed class ScheduledPublication(JobLeaseStore leases, RankingPublisher publisher, AdminNotifier notifier, IPreviewSender previews,
    OfficeClock clock, IOptions<RankingOptions> options, ILogger<ScheduledPublication> log)
{
    public static readonly UserIdentity ScheduleUser = new("schedule", "定时发布");
    private const string Job = "ranking-publish";

    /// <summary>Runs one occurrence unless another instance already took it. Null when another instance had already taken this occurrence.</summary>
    public async Task<PublishOutcome?> FireAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        // Keyed to the second in UTC: a per-second schedule has one occurrence per second.
        var key = occurrence.UtcDateTime.ToString("yyyyMMddTHHmmssZ");
        if (!await leases.TryClaimAsync(Job, key, Environment.MachineName, TimeSpan.FromMinutes(10), ct)) return null;
        var local = clock.ToLocal(occurrence);
        var period = new RankingPeriod(local.Year, local.Month).PreviousMonth;
        var outcome = await RunAsync(period, ct);
        log.LogInformation("Scheduled publication of {Period}: {Status}", period, outcome.Status);
        await leases.CompleteAsync(Job, key, ct);
        return outcome;
    }

    private async Task<PublishOutcome> RunAsync(RankingPeriod period, CancellationToken ct)
    {
        var preview = await publisher.PreviewAsync(period, ct);
        if (preview.Existing.Count > 0)
        {
            await notifier.NotifyAsync(null, $"计划发布时发现{period.Label}的通报已发布过，本次未重复发送。", ct);
            return new PublishOutcome(PublishStatus.AlreadyPublished, preview.Existing[0]);
        }
        if (preview.Subscribers == 0)
        {
            await notifier.NotifyAsync(null, $"计划发布{period.Label}通报时没有任何群聊或频道订阅，未发送。请在群聊或频道中发送“订阅通报”。", ct);
            return new PublishOutcome(PublishStatus.NoSubscribers);
        }
        if (options.Value.ScheduleMode == ScheduleMode.Preview || preview.WindowStillOpen)
        {
            var intro = preview.WindowStillOpen
                ? $"按计划生成了{period.Label}招商引资情况通报的预览。{period.Label}的填报尚未截止，未自动发布；请核对后按“确认发布”。"
                : $"按计划生成了{period.Label}招商引资情况通报的预览，尚未发送。请核对后按“确认发布”，或按“取消”。";
            await previews.SendAsync(preview, period, intro, ct);
            return new PublishOutcome(PublishStatus.PreviewSent);
        }
        var outcome = await publisher.PublishAsync(period, correction: false, ScheduleUser, ct: ct);
        var text = outcome.Status switch
        {
            PublishStatus.Started => $"已按计划自动发布{period.Label}招商引资情况通报，正在向 {outcome.Total} 个会话发送，完成后会再通知您。",
            PublishStatus.AlreadyPublished => $"计划发布时发现{period.Label}的通报已发布过，本次未重复发送。",
            PublishStatus.NoSubscribers => $"计划发布{period.Label}通报时没有任何群聊或频道订阅，未发送。请在群聊或频道中发送“订阅通报”。",
            _ => $"计划发布{period.Label}通报未执行（{outcome.Status}）。",
        };
        await notifier.NotifyAsync(null, text, ct);
        return outcome;
    }
}

/// <summary>Waits for each occurrence of <see cref="RankingOptions.PublishSchedule"/> in the office time zone and fires it.</summary>
public sealed class RankingScheduler : BackgroundService
{
    private readonly ScheduledPublication _publication;
    private readonly RankingOptions _options;
    private readonly OfficeClock _clock;
    private readonly TimeProvider _time;
    private readonly ILogger<RankingScheduler> _log;

    public RankingScheduler(ScheduledPublication publication, IOptions<RankingOptions> options, OfficeClock clock, TimeProvider time, ILogger<RankingScheduler> log)
    {
        _publication = publication;
        _options = options.Value;
        _clock = clock;
        _time = time;
        _log = log;
    }

    public static CronExpression? Parse(string? cron) =>
        string.IsNullOrWhiteSpace(cron) ? null : CronExpression.Parse(cron.Trim(), cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);

    public static DateTimeOffset? Next(CronExpression cron, DateTimeOffset after, TimeZoneInfo zone) =>
        cron.GetNextOccurrence(after, zone);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var cron = _options.ScheduleEnabled ? Parse(_options.PublishSchedule) : null;
        if (cron is null) return;
        var after = _time.GetUtcNow();
        while (!stopping.IsCancellationRequested)
        {
            if (Next(cron, after, _clock.Zone) is not { } next) return;
            var wait = next - _time.GetUtcNow();
            try
            {
                // Task.Delay caps at ~49 days; months are shorter than that, but wake up early and re-check anyway.
                if (wait > TimeSpan.Zero) await Task.Delay(wait > TimeSpan.FromDays(20) ? TimeSpan.FromDays(20) : wait, _time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (_time.GetUtcNow() < next) continue;
            try
            {
                await _publication.FireAsync(next, stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                _log.LogError(e, "Scheduled ranking publication at {Occurrence} failed", next);
            }
            after = next;
        }
    }
}
