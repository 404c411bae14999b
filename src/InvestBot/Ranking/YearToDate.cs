using InvestBot.Reporting;

namespace InvestBot.Ranking;

/// <summary>
/// Year-to-date value of each metric for one unit, by the metric's own rule (<see cref="Metric.YearToDate"/>:
/// cumulative metrics sum the months up to the ranking month, stocks take the latest). A metric missing from the
/// catalog is summed.
/// </summary>
public static class YearToDate
{
    public static IReadOnlyDictionary<string, decimal> Of(IEnumerable<UnitMonthFigures> unitMonths, int upToMonth, MetricCatalog catalog) =>
        unitMonths.Where(f => f.Month <= upToMonth)
            .OrderBy(f => f.Month)
            .SelectMany(f => f.Values)
            .GroupBy(v => v.Key, v => v.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => catalog.Find(g.Key)?.YearToDate(g) ?? g.Sum(), StringComparer.Ordinal);
}
