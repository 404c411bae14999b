namespace InvestBot.Reporting;

/// <summary>One metric on a receipt: this month, the year so far, the annual target and how far along it is.</summary>
public sealed record MetricYearProgress(Metric Metric, decimal? Month, decimal YearToDate, decimal? Target, decimal? PercentOfTarget);

/// <summary>
/// Year-to-date totals: cumulative metrics add up the year's months (January to the given month);
/// stock metrics (team size) take the latest reported value.
/// </summary>
public static class UnitYearProgress
{
    public static IReadOnlyList<MetricYearProgress> Compute(IReadOnlyList<Metric> metrics, ReportingMonth month,
        IReadOnlyList<SavedFigures> unitYear, IReadOnlyDictionary<string, decimal> targets)
    {
        var upTo = unitYear.Where(f => f.Month.Year == month.Year && f.Month <= month).OrderBy(f => f.Month).ToList();
        var current = upTo.FirstOrDefault(f => f.Month == month);
        return metrics.Select(m =>
        {
            var reported = upTo.Where(f => f.Values.ContainsKey(m.Id)).Select(f => f.Values[m.Id]).ToList();
            var ytd = m.YearToDate(reported);
            decimal? target = targets.TryGetValue(m.Id, out var t) ? t : null;
            decimal? percent = target is > 0 ? Math.Round(ytd / target.Value * 100, 1) : null;
            decimal? value = current is not null && current.Values.TryGetValue(m.Id, out var v) ? v : null;
            return new MetricYearProgress(m, value, ytd, target, percent);
        }).ToList();
    }
}
