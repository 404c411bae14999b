using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Reporting;
using InvestBot.Scheduling;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace InvestBot.Reporting.Bot;

/// <summary>
/// Sends each reporter whose unit has not submitted a personal reminder with the form, on the schedule
/// <see cref="ReportingOptions.ReminderCron"/> (office time). The scheduler runs each occurrence on one instance only.
/// </summary>
public sealed class ReportReminderJob(ReminderPlanner planner, ReminderSender sender, OfficeClock clock,
    IOptions<ReportingOptions> options, ILogger<ReportReminderJob> log) : IScheduledJob
{
    public string Name => "report-reminders";

    public string Title => "填报提醒";

    public string ScheduleKey => ReportingOptions.Section + ":" + nameof(ReportingOptions.ReminderCron);

    public string? Schedule => options.Value.ReminderCron;

    public TimeSpan Lease => TimeSpan.FromMinutes(30);

    public Task RunAsync(DateTimeOffset occurrence, CancellationToken ct) => SendAsync(occurrence, ct);

    /// <summary>Sends the reminders due on the occurrence's day (office time); returns how many reporters were reminded.</summary>
    public async Task<int> SendAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        var sent = 0;
        foreach (var reminder in await planner.DueAsync(DateOnly.FromDateTime(clock.ToLocal(occurrence).DateTime), ct))
            if (await sender.SendAsync(reminder, ct)) sent++;
        log.LogInformation("Reminders for {Occurrence}: {Sent} sent", occurrence, sent);
        return sent;
    }
}
