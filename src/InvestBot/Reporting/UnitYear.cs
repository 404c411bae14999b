using InvestBot.Organization;

namespace InvestBot.Reporting;

/// <summary>
/// One unit's year as the bot knows it: the months reported through InvestBot, the 期初累计 entered for the months
/// before, and the annual targets. Year-to-date = the opening balance (once the month it runs to is reached) + the
/// months reported after it; months inside the balance are never added twice.
/// </summary>
public sealed record UnitYear(string UnitId, int Year, IReadOnlyList<SavedFigures> Months, OpeningBalance? Opening,
    IReadOnlyDictionary<string, decimal> Targets)
{
    public IReadOnlyList<MetricYearProgress> ProgressAt(IReadOnlyList<Metric> metrics, ReportingMonth month) =>
        UnitYearProgress.Compute(metrics, month, Months, Targets, Opening);

    /// <summary>The year so far before <paramref name="month"/> (empty in January: nothing before it this year).</summary>
    public IReadOnlyList<MetricYearProgress> ProgressBefore(IReadOnlyList<Metric> metrics, ReportingMonth month) =>
        month.Month == 1 ? [] : ProgressAt(metrics, month.Previous);

    /// <summary>Which months the year-to-date at <paramref name="month"/> adds up, in words; null when nothing yet.</summary>
    public string? CoveredAt(ReportingMonth month) => MonthCoverage.ForUnit(month, Months.Select(f => f.Month), Opening);

    /// <summary>The latest month up to <paramref name="upTo"/> with figures: reported, or the month the balance runs to.</summary>
    public ReportingMonth? LatestMonth(ReportingMonth upTo)
    {
        var reported = Months.Where(f => f.Month.Year == Year && f.Month <= upTo).Select(f => (ReportingMonth?)f.Month).Max();
        ReportingMonth? opening = Opening is { IsSet: true } o && new ReportingMonth(Year, o.ThroughMonth) <= upTo ? new ReportingMonth(Year, o.ThroughMonth) : null;
        return reported > opening || opening is null ? reported : opening;
    }
}

/// <summary>Loads a <see cref="UnitYear"/> (three small reads, run together).</summary>
public sealed class UnitYearReader(MonthlyFiguresStore figures, OpeningBalanceStore openings, AnnualTargetStore targets,
    UnitRequirements requirements)
{
    /// <summary>The unit's year; its targets are those in force (entered, else the document's own target for the unit).</summary>
    public async Task<UnitYear> LoadAsync(Unit unit, int year, CancellationToken ct)
    {
        var months = figures.ListUnitYearAsync(unit.Id, year, ct);
        var opening = openings.GetAsync(year, unit.Id, ct);
        var goals = targets.GetUnitAsync(year, unit.Id, ct);
        await Task.WhenAll(months, opening, goals);
        return new UnitYear(unit.Id, year, months.Result, opening.Result, requirements.Merge(unit.Id, unit.Kind, year, goals.Result));
    }
}
