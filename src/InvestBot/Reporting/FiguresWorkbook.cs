using InvestBot.Organization;
using MiniExcelLibs;

namespace InvestBot.Reporting;

/// <summary>
/// The month's figures of every reporting unit as an .xlsx workbook: one row per unit and, per metric, the month's value,
/// the year-to-date (with the unit's 期初累计), the annual target and the completion in percent; a 合计 row last.
/// </summary>
public sealed class FiguresWorkbook(UnitDirectory units, MetricCatalog catalog, MonthlyFiguresStore figures,
    OpeningBalanceStore openings, AnnualTargetStore targets, ReportingWindow window)
{
    public const string TotalRow = "合计";

    public static string FileName(ReportingMonth month) => $"招商引资月度数据-{month.Key}.xlsx";

    /// <summary>Column headers of one metric: the month's value, the year so far, the target, the completion.</summary>
    public static (string Month, string YearToDate, string Target, string Completion) Columns(Metric m)
    {
        var name = $"{m.Name}（{m.Unit}）";
        return ($"{name}{m.Basis}", $"{name}{(m.Cumulative ? "年累计" : "最新时点数")}", $"{name}年度目标", $"{name}完成率%");
    }

    public async Task<byte[]> BuildAsync(ReportingMonth month, CancellationToken ct)
    {
        var yearTask = figures.ListYearAsync(month.Year, month.Month, ct);
        var openingsTask = openings.ListYearAsync(month.Year, ct);
        var targetsTask = targets.GetYearAsync(month.Year, ct);
        await Task.WhenAll(yearTask, openingsTask, targetsTask);
        var byUnit = yearTask.Result.ToLookup(f => f.UnitId);
        var openingByUnit = openingsTask.Result.ToDictionary(o => o.UnitId);
        var noTargets = new Dictionary<string, decimal>();

        var progress = new List<(Unit Unit, SavedFigures? Saved, OpeningBalance? Opening, IReadOnlyList<MetricYearProgress> Metrics)>();
        foreach (var unit in units.Units.Where(u => u.Reports))
        {
            var months = byUnit[unit.Id].ToList();
            var opening = openingByUnit.GetValueOrDefault(unit.Id);
            var metrics = UnitYearProgress.Compute(catalog.ForKind(unit.Kind), month, months,
                targetsTask.Result.GetValueOrDefault(unit.Id) ?? noTargets, opening);
            progress.Add((unit, months.FirstOrDefault(f => f.Month == month), opening, metrics));
        }

        var rows = progress.Select(p =>
        {
            var row = new Dictionary<string, object?>
            {
                ["单位"] = p.Unit.Name,
                ["类别"] = units.KindOf(p.Unit).Name,
                ["状态"] = p.Opening?.Covers(month) == true ? "期初累计" : p.Saved is null ? "未报" : p.Saved.Late ? "逾期补报" : "已报",
                ["提交人"] = p.Saved?.SubmittedByName,
                ["提交时间"] = p.Saved is null ? null : TimeZoneInfo.ConvertTime(p.Saved.SubmittedAt, window.Zone).ToString("yyyy-MM-dd HH:mm"),
                ["期初累计"] = p.Opening is { IsSet: true } o && o.ThroughMonth <= month.Month ? o.MonthsLabel : null,
            };
            foreach (var m in catalog.Metrics)
            {
                var c = Columns(m);
                var mp = p.Metrics.FirstOrDefault(x => x.Metric.Id == m.Id);
                row[c.Month] = mp?.Month;
                row[c.YearToDate] = mp?.YearToDate;
                row[c.Target] = mp?.Target;
                row[c.Completion] = mp?.PercentOfTarget;
            }
            return row;
        }).ToList();
        rows.Add(Total(progress.Select(p => (p.Saved, p.Metrics)).ToList()));

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: month.Key, excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }

    /// <summary>
    /// 合计: sums over the units of the month's values, the year so far and the targets; the completion is the year so far
    /// of the units that have a target divided by the sum of those targets (units without one do not dilute it).
    /// </summary>
    private Dictionary<string, object?> Total(IReadOnlyList<(SavedFigures? Saved, IReadOnlyList<MetricYearProgress> Metrics)> rows)
    {
        var row = new Dictionary<string, object?>
        {
            ["单位"] = TotalRow,
            ["类别"] = null,
            ["状态"] = $"已报 {rows.Count(u => u.Saved is not null)}/{rows.Count}",
            ["提交人"] = null,
            ["提交时间"] = null,
            ["期初累计"] = null,
        };
        foreach (var m in catalog.Metrics)
        {
            var c = Columns(m);
            var all = rows.SelectMany(u => u.Metrics).Where(x => x.Metric.Id == m.Id).ToList();
            var withTarget = all.Where(x => x.Target is > 0).ToList();
            var targetSum = withTarget.Sum(x => x.Target!.Value);
            row[c.Month] = all.Count == 0 ? null : all.Sum(x => x.Month ?? 0);
            row[c.YearToDate] = all.Count == 0 ? null : all.Sum(x => x.YearToDate);
            row[c.Target] = all.Any(x => x.Target is not null) ? all.Sum(x => x.Target ?? 0) : null;
            row[c.Completion] = targetSum > 0 ? Math.Round(withTarget.Sum(x => x.YearToDate) / targetSum * 100, 1) : null;
        }
        return row;
    }
}
