using InvestBot.Access;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;

namespace InvestBot.Reporting.Bot;

/// <summary>
/// One reminder in a reporter's personal chat: the words and the month's form, as the scheduled reminders and the
/// admins' 一键催报 send it. False when it did not reach the person (no personal chat with the bot yet, or Teams refused).
/// </summary>
public sealed class ReminderSender(FigureFormService forms, PersonalMessenger messenger)
{
    public async Task<bool> SendAsync(Reminder reminder, CancellationToken ct)
    {
        var user = new UserIdentity(reminder.Reporter.UserId, reminder.Reporter.UserName);
        var text = ReportingTexts.Reminder(reminder.Unit.Name, reminder.Month, reminder.Deadline);
        var activity = await forms.OpenAsync(user, reminder.Unit, reminder.Month, ct) is FormOutcome.Form form
            ? Card.ToActivity(ReportCards.Form(form.Value), text)
            : MessageFactory.Text(text);
        activity.Text = text;
        return await messenger.SendToUserAsync(reminder.Reporter.UserId, activity, ct);
    }
}
