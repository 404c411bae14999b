using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Announcements;
using InvestBot.Scheduling;
using Microsoft.Extensions.Options;

namespace InvestBot.Ranking;

/// <summary>Sends the admins a publication preview to confirm (the Teams side renders it).</summary>
public interface IPreviewSender
{
    /// <returns>How many admins it reached.</returns>
    Task<int> SendAsync(PublishPreview preview, RankingPeriod period, string intro, CancellationToken ct);
}

/// <summary>
/// The automatic publication on <see cref="RankingOptions.PublishSchedule"/>, for the previous month: by default the admins
/// get the preview to confirm (<see cref="ScheduleMode.Preview"/>), so no ranking goes out that nobody has looked at; with
/// <see cref="ScheduleMode.Publish"/> it publishes, unless the month's reporting window is still open, in which case it too
/// only sends the preview. The scheduler runs each occurrence once across instances; publishing a month twice is refused anyway.
/// </summary>
public sealed class ScheduledPublication(RankingPublisher publisher, AdminNotifier notifier, IPreviewSender previews, OfficeClock clock,
    IOptions<RankingOptions> options, ILogger<ScheduledPublication> log) : IScheduledJob
{
    public static readonly UserIdentity ScheduleUser = new("schedule", "定时发布");

    public string Name => "ranking-publish";

    public string Title => "排名通报自动发布";

    public string ScheduleKey => RankingOptions.Section + ":" + nameof(RankingOptions.PublishSchedule);

    public string? Schedule => options.Value.ScheduleEnabled ? options.Value.PublishSchedule : null;

    public TimeSpan Lease => TimeSpan.FromMinutes(10);

    public Task RunAsync(DateTimeOffset occurrence, CancellationToken ct) => RunOnceAsync(occurrence, ct);

    /// <summary>One occurrence: the preview to the admins, or the publication; what happened.</summary>
    public async Task<PublishOutcome> RunOnceAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        var local = clock.ToLocal(occurrence);
        var period = new RankingPeriod(local.Year, local.Month).PreviousMonth;
        var outcome = await PreviewOrPublishAsync(period, ct);
        log.LogInformation("Scheduled publication of {Period}: {Status}", period, outcome.Status);
        return outcome;
    }

    private async Task<PublishOutcome> PreviewOrPublishAsync(RankingPeriod period, CancellationToken ct)
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
