using InvestBot.Access;
using InvestBot.Reporting;
using InvestBot.Reporting.Bot;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Schema;

namespace InvestBot.KeyProjects.Bot;

/// <summary>
/// The key projects' part of the monthly reminders: on the figures' reminder days, each bound reporter whose unit still has
/// projects without this month's progress gets 我的项目 with a reminder line (projects in operation need no update).
/// </summary>
public sealed class KeyProjectReminders(IUnitBindingStore bindings, KeyProjectViews views, KeyProjectCards cards) : IReminderContribution
{
    public async Task<IReadOnlyList<(string UserId, IActivity Activity)>> DueAsync(ReportingMonth month, DateOnly deadline, CancellationToken ct)
    {
        var due = new List<(string, IActivity)>();
        var byUnit = (await views.AllUnitsAsync(ct)).ToDictionary(v => v.Unit.Id);
        foreach (var binding in await bindings.ListAsync(ct))
        {
            if (!byUnit.TryGetValue(binding.UnitId, out var view) || view.Month != month || view.Missing == 0) continue;
            var text = KeyProjectTexts.Reminder(view.Unit.Name, view.Missing, month, deadline, view.Today);
            var activity = Card.ToActivity(cards.Mine(view), text);
            activity.Text = text;
            due.Add((binding.UserId, activity));
        }
        return due;
    }
}
