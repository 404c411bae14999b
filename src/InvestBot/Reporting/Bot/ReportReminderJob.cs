using InvestBot.Teams;
using Cronos;
using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Reporting;
using InvestBot.Storage;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace InvestBot.Reporting.Bot;

/// <summary>
/// Sends each reporter whose unit has not submitted a personal reminder with the form, on the schedule
/// <see cref="ReportingOptions.ReminderCron"/> (office time). Each occurrence runs on one instance only,
/// claimed in <see cref="JobLeaseStore"/>.
/// </summary>
public sealed class ReportReminderJob : BackgroundService
{
    public const string JobName = "reportReminders";
    private readonly ReminderPlanner _planner;
    private readonly JobLeaseStore _leases;
    private readonly ReminderSender _sender;
    private readonly OfficeClock _clock;
    private readonly TimeProvider _time;
    private readonly ReportingOptions _options;
    private readonly ILogger<ReportReminderJob> _log;
    private readonly string _instance = Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..8];

    public ReportReminderJob(ReminderPlanner planner, JobLeaseStore leases, ReminderSender sender,
        OfficeClock clock, TimeProvider time, IOptions<ReportingOptions> options, ILogger<ReportReminderJob> log)
    {
        _planner = planner;
        _leases = leases;
        _sender = sender;
        _clock = clock;
        _time = time;
        _options = options.Value;
        _log = log;
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(_options.ReminderCron)) return;
        CronExpression cron;
        try
        {
            cron = CronExpression.Parse(_options.ReminderCron);
        }
        catch (CronFormatException e)
        {
            // A typo in the schedule must not stop the bot; it only disables reminders.
            _log.LogError(e, "InvestBot:Reporting:ReminderCron '{Cron}' is invalid; reminders are disabled", _options.ReminderCron);
            return;
        }
        while (!ct.IsCancellationRequested)
        {
            var next = cron.GetNextOccurrence(_time.GetUtcNow(), _clock.Zone);
            if (next is null) return;
            await Task.Delay(next.Value - _time.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero, _time, ct);
            try
            {
                await RunOnceAsync(next.Value, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log.LogError(e, "Reminder run for {Occurrence} failed", next);
            }
        }
    }

    /// <summary>Sends the reminders of one scheduled occurrence, unless another instance already claimed it.</summary>
    /// <returns>How many reporters were reminded (0 when this instance did not win the claim).</returns>
    public async Task<int> RunOnceAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        var key = _clock.ToLocal(occurrence).ToString("yyyyMMddHHmm");
        if (!await _leases.TryClaimAsync(JobName, key, _instance, TimeSpan.FromMinutes(30), ct)) return 0;
        var sent = 0;
        foreach (var reminder in await _planner.DueAsync(ct))
            if (await _sender.SendAsync(reminder, ct)) sent++;
        await _leases.CompleteAsync(JobName, key, ct);
        _log.LogInformation("Reminder run {Key}: {Sent} reminders sent", key, sent);
        return sent;
    }
}
