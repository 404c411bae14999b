using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Reporting;
using InvestBot.Scheduling;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace InvestBot.Reporting.Bot;

/// <summary>Another capability's monthly reminders, sent by <see cref="ReportReminderJob"/> on the figures' reminder days
/// (one schedule, one run per occurrence): e.g. the key projects' progress updates.</summary>
public interface IReminderContribution
{
    /// <summary>The personal messages due for <paramref name="month"/> (deadline <paramref name="deadline"/>), by AAD object id.</summary>
    Task<IReadOnlyList<(string UserId, IActivity Activity)>> DueAsync(ReportingMonth month, DateOnly deadline, CancellationToken ct);
}

/// <summary>
/// Sends each reporter whose unit has not submitted a personal reminder with the form, on the schedule
/// <see cref="ReportingOptions.ReminderCron"/> (office time). The scheduler runs each occurrence on one instance only.
/// </summary>
public sealed class ReportReminderJob(ReminderPlanner planner, ReminderSender sender, PersonalMessenger messenger, OfficeClock clock,
    IOptions<ReportingOptions> options, ILogger<ReportReminderJob> log, IEnumerable<IReminderContribution> contributions) : IScheduledJob
{
    public string Name => "report-reminders";

    public string Title => "填报提醒";

    public string ScheduleKey => ReportingOptions.Section + ":" + nameof(ReportingOptions.ReminderCron);

    public string? Schedule => options.Value.ReminderCron;

    public TimeSpan Lease => TimeSpan.FromMinutes(30);

    public Task RunAsync(DateTimeOffset occurrence, CancellationToken ct) => SendAsync(occurrence, ct);

    /// <summary>Sends the reminders due on the occurrence's day (office time); returns how many were sent.</summary>
    public async Task<int> SendAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        var sent = 0;
        var day = DateOnly.FromDateTime(clock.ToLocal(occurrence).DateTime);
        foreach (var reminder in await planner.DueAsync(day, ct))
            if (await sender.SendAsync(reminder, ct)) sent++;
        if (planner.ReminderDay(day) is { } due)
            foreach (var contribution in contributions)
                foreach (var (userId, message) in await contribution.DueAsync(due.Month, due.Deadline, ct))
                    if (await messenger.SendToUserAsync(userId, message, ct)) sent++;
        log.LogInformation("Reminders for {Occurrence}: {Sent} sent", occurrence, sent);
        return sent;
    }
}
