using InvestBot.Access;
using InvestBot.Organization;
using Microsoft.Extensions.Options;

namespace InvestBot.Reporting;

/// <summary>A reporter to remind: their unit has not submitted the month yet.</summary>
public sealed record Reminder(UnitBinding Reporter, Unit Unit, ReportingMonth Month, DateOnly Deadline);

/// <summary>
/// Who gets a reminder today: every bound reporter whose unit has not submitted the open month, on the day
/// <see cref="ReportingOptions.ReminderDaysBefore"/> days before the deadline and on the deadline day.
/// </summary>
public sealed class ReminderPlanner(ReportingWindow window, IUnitBindingStore bindings, MonthlyFiguresStore figures,
    OpeningBalanceStore openings, UnitDirectory units, IOptions<ReportingOptions> options)
{
    private readonly ReportingOptions _options = options.Value;

    /// <summary>The month whose reminders go out on <paramref name="day"/>, with its deadline; null on any other day. Other
    /// capabilities' monthly reminders (key-project updates) follow the same days.</summary>
    /// <param name="day">The day the reminders are for (a run caught up after a restart may come later that day or the next).</param>
    public (ReportingMonth Month, DateOnly Deadline)? ReminderDay(DateOnly day)
    {
        var month = ReportingMonth.Of(day).Previous;
        var deadline = window.Deadline(month);
        // Still open now: a reminder caught up after the window closed would only confuse.
        if (window.StateOf(month) != WindowState.Open) return null;
        return day == deadline || day == deadline.AddDays(-_options.ReminderDaysBefore) ? (month, deadline) : null;
    }

    /// <param name="day">The day the reminders are for (a run caught up after a restart may come later that day or the next).</param>
    public async Task<IReadOnlyList<Reminder>> DueAsync(DateOnly day, CancellationToken ct)
    {
        if (ReminderDay(day) is not { } due) return Array.Empty<Reminder>();
        var (month, deadline) = due;
        var submitted = (await figures.ListMonthAsync(month, ct)).Select(f => f.UnitId).ToHashSet();
        // A month inside a unit's 期初累计 is not reported on its own: nothing to remind of.
        submitted.UnionWith((await openings.ListYearAsync(month.Year, ct)).Where(o => o.Covers(month)).Select(o => o.UnitId));
        return (await bindings.ListAsync(ct))
            .Where(b => !submitted.Contains(b.UnitId))
            .Select(b => units.FindById(b.UnitId) is { Reports: true } unit ? new Reminder(b, unit, month, deadline) : null)
            .OfType<Reminder>()
            .ToList();
    }
}
