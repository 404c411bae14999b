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
public sealed class ReminderPlanner
{
    private readonly ReportingWindow _window;
    private readonly IUnitBindingStore _bindings;
    private readonly MonthlyFiguresStore _figures;
    private readonly UnitDirectory _units;
    private readonly ReportingOptions _options;

    public ReminderPlanner(ReportingWindow window, IUnitBindingStore bindings, MonthlyFiguresStore figures, UnitDirectory units,
        IOptions<ReportingOptions> options)
    {
        _window = window;
        _bindings = bindings;
        _figures = figures;
        _units = units;
        _options = options.Value;
    }

    /// <param name="day">The day the reminders are for (a run caught up after a restart may come later that day or the next).</param>
    public async Task<IReadOnlyList<Reminder>> DueAsync(DateOnly day, CancellationToken ct)
    {
        var month = ReportingMonth.Of(day).Previous;
        var deadline = _window.Deadline(month);
        // Still open now: a reminder caught up after the window closed would only confuse.
        if (_window.StateOf(month) != WindowState.Open) return Array.Empty<Reminder>();
        if (day != deadline && day != deadline.AddDays(-_options.ReminderDaysBefore)) return Array.Empty<Reminder>();
        var submitted = (await _figures.ListMonthAsync(month, ct)).Select(f => f.UnitId).ToHashSet();
        return (await _bindings.ListAsync(ct))
            .Where(b => !submitted.Contains(b.UnitId))
            .Select(b => _units.FindById(b.UnitId) is { Reports: true } unit ? new Reminder(b, unit, month, deadline) : null)
            .OfType<Reminder>()
            .ToList();
    }
}
