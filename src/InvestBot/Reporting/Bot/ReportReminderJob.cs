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
public sealed class ReportReminderJob(ReminderPlanner planner, FigureFormService forms, PersonalMessenger messenger, OfficeClock clock,
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
        {
            var user = new UserIdentity(reminder.Reporter.UserId, reminder.Reporter.UserName);
            var text = $"提醒：{reminder.Unit.Name}{reminder.Month.Label}数据尚未提交，截止日期为{reminder.Deadline.Month}月{reminder.Deadline.Day}日。";
            var activity = await forms.OpenAsync(user, reminder.Unit, reminder.Month, ct) is FormOutcome.Form form
                ? Card.ToActivity(ReportCards.Form(form.Value), text)
                : MessageFactory.Text(text);
            activity.Text = text;
            if (await messenger.SendToUserAsync(reminder.Reporter.UserId, activity, ct)) sent++;
        }
        log.LogInformation("Reminders for {Occurrence}: {Sent} sent", occurrence, sent);
        return sent;
    }
}
