using Cronos;
using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Ranking.Delivery;
using InvestBot.Storage;
using Microsoft.Extensions.Options;

namespace InvestBot.Ranking;

/// <summary>The automatic publication at each occurrence: the previous month's ranking, then a note to the admins.</summary>
public sealed class ScheduledPublication
{
    public static readonly UserIdentity ScheduleUser = new("schedule", "定时发布");
    private const string Job = "ranking-publish";
    private readonly JobLeaseStore _leases;
    private readonly RankingPublisher _publisher;
    private readonly AdminNotifier _notifier;
    private readonly OfficeClock _clock;
    private readonly ILogger<ScheduledPublication> _log;

    public ScheduledPublication(JobLeaseStore leases, RankingPublisher publisher, AdminNotifier notifier, OfficeClock clock, ILogger<ScheduledPublication> log)
    {
        _leases = leases;
        _publisher = publisher;
        _notifier = notifier;
        _clock = clock;
        _log = log;
    }

    /// <summary>Returns null when another instance had already taken this occurrence.</summary>
    public async Task<PublishOutcome?> FireAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        // Keyed to the second in UTC: a per-second schedule has one occurrence per second.
        var key = occurrence.UtcDateTime.ToString("yyyyMMddTHHmmssZ");
        if (!await _leases.TryClaimAsync(Job, key, Environment.MachineName, TimeSpan.FromMinutes(10), ct)) return null;
        var local = _clock.ToLocal(occurrence);
        var period = new RankingPeriod(local.Year, local.Month).PreviousMonth;
        var outcome = await _publisher.PublishAsync(period, correction: false, ScheduleUser, ct: ct);
        _log.LogInformation("Scheduled publication of {Period}: {Status}", period, outcome.Status);
        var text = outcome.Status switch
        {
            PublishStatus.Started => $"已按计划自动发布{period.Label}招商引资情况通报，正在向 {outcome.Total} 个会话发送，完成后会再通知您。",
            PublishStatus.AlreadyPublished => $"计划发布时发现{period.Label}的通报已发布过，本次未重复发送。",
            PublishStatus.NoSubscribers => $"计划发布{period.Label}通报时没有任何群聊或频道订阅，未发送。请在群聊或频道中发送“订阅通报”。",
            _ => $"计划发布{period.Label}通报未执行（{outcome.Status}）。",
        };
        await _notifier.NotifyAsync(null, text, ct);
        await _leases.CompleteAsync(Job, key, ct);
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
