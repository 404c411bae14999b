using InvestBot.Reporting;

namespace InvestBot.Ranking;

/// <summary>
/// Year-to-date value of each metric for one unit: cumulative metrics are summed over the months up to the
/// ranking month, stock metrics (Cumulative=false) take the latest month that reported them.
/// </summary>
public static class YearToDate
{
    public static IReadOnlyDictionary<string, decimal> Of(IEnumerable<UnitMonthFigures> unitMonths, int upToMonth, MetricCatalog catalog)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var latestMonth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var month in unitMonths.Where(f => f.Month <= upToMonth).OrderBy(f => f.Month))
        {
            foreach (var (metric, value) in month.Values)
            {
                var cumulative = catalog.Find(metric)?.Cumulative ?? true;
                if (cumulative)
                    result[metric] = result.GetValueOrDefault(metric) + value;
                else if (!latestMonth.TryGetValue(metric, out var seen) || seen <= month.Month)
                {
                    result[metric] = value;
                    latestMonth[metric] = month.Month;
                }
            }
        }
        return result;
    }
}
