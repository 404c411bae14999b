using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Ranking.Delivery;
using InvestBot.Scheduling;
using Microsoft.Extensions.Options;

namespace InvestBot.Ranking;

/// <summary>
/// The automatic publication on <see cref="RankingOptions.PublishSchedule"/>: the previous month's ranking, then a note to
/// the admins. The scheduler runs each occurrence once across instances; publishing a month twice is refused anyway.
/// </summary>
public sealed class ScheduledPublication(RankingPublisher publisher, AdminNotifier notifier, OfficeClock clock, IOptions<RankingOptions> options,
    ILogger<ScheduledPublication> log) : IScheduledJob
{
    public static readonly UserIdentity ScheduleUser = new("schedule", "定时发布");

    public string Name => "ranking-publish";

    public string Title => "排名通报自动发布";

    public string ScheduleKey => RankingOptions.Section + ":" + nameof(RankingOptions.PublishSchedule);

    public string? Schedule => options.Value.ScheduleEnabled ? options.Value.PublishSchedule : null;

    public TimeSpan Lease => TimeSpan.FromMinutes(10);

    public async Task RunAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        var local = clock.ToLocal(occurrence);
        var period = new RankingPeriod(local.Year, local.Month).PreviousMonth;
        var outcome = await publisher.PublishAsync(period, correction: false, ScheduleUser, ct: ct);
        log.LogInformation("Scheduled publication of {Period}: {Status}", period, outcome.Status);
        var text = outcome.Status switch
        {
            PublishStatus.Started => $"已按计划自动发布{period.Label}招商引资情况通报，正在向 {outcome.Total} 个会话发送，完成后会再通知您。",
            PublishStatus.AlreadyPublished => $"计划发布时发现{period.Label}的通报已发布过，本次未重复发送。",
            PublishStatus.NoSubscribers => $"计划发布{period.Label}通报时没有任何群聊或频道订阅，未发送。请在群聊或频道中发送“订阅通报”。",
            _ => $"计划发布{period.Label}通报未执行（{outcome.Status}）。",
        };
        await notifier.NotifyAsync(null, text, ct);
    }
}
