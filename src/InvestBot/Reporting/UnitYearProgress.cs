namespace InvestBot.Reporting;

/// <summary>One metric on a receipt: this month, the year so far, the annual target and how far along it is.</summary>
public sealed record MetricYearProgress(Metric Metric, decimal? Month, decimal YearToDate, decimal? Target, decimal? PercentOfTarget);

/// <summary>
/// Year-to-date totals: cumulative metrics add up the year's months (January to the given month), starting from the
/// unit's 期初累计 when one runs to a month not after the given one (the months inside it are not added again);
/// stock metrics (team size) take the latest reported value.
/// </summary>
public static class UnitYearProgress
{
    public static IReadOnlyList<MetricYearProgress> Compute(IReadOnlyList<Metric> metrics, ReportingMonth month,
        IReadOnlyList<SavedFigures> unitYear, IReadOnlyDictionary<string, decimal> targets, OpeningBalance? opening = null)
    {
        var openingCounts = opening is { IsSet: true } o && o.Year == month.Year && o.ThroughMonth <= month.Month;
        var upTo = unitYear.Where(f => f.Month.Year == month.Year && f.Month <= month && !(opening?.Covers(f.Month) ?? false))
            .OrderBy(f => f.Month).ToList();
        var current = upTo.FirstOrDefault(f => f.Month == month);
        return metrics.Select(m =>
        {
            var start = openingCounts && opening!.Values.TryGetValue(m.Id, out var o) ? [o] : Array.Empty<decimal>();
            var reported = start.Concat(upTo.Where(f => f.Values.ContainsKey(m.Id)).Select(f => f.Values[m.Id])).ToList();
            var ytd = m.YearToDate(reported);
            decimal? target = targets.TryGetValue(m.Id, out var t) ? t : null;
            decimal? percent = target is > 0 ? Math.Round(ytd / target.Value * 100, 1) : null;
            decimal? value = current is not null && current.Values.TryGetValue(m.Id, out var v) ? v : null;
            return new MetricYearProgress(m, value, ytd, target, percent);
        }).ToList();
    }
}
