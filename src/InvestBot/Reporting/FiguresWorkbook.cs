using InvestBot.Organization;
using MiniExcelLibs;

namespace InvestBot.Reporting;

/// <summary>The month's figures of every reporting unit as an .xlsx workbook (one row per unit, one column per metric).</summary>
public sealed class FiguresWorkbook
{
    private readonly UnitDirectory _units;
    private readonly MetricCatalog _catalog;
    private readonly MonthlyFiguresStore _figures;
    private readonly ReportingWindow _window;

    public FiguresWorkbook(UnitDirectory units, MetricCatalog catalog, MonthlyFiguresStore figures, ReportingWindow window)
    {
        _units = units;
        _catalog = catalog;
        _figures = figures;
        _window = window;
    }

    public static string FileName(ReportingMonth month) => $"招商引资月度数据-{month.Key}.xlsx";

    public async Task<byte[]> BuildAsync(ReportingMonth month, CancellationToken ct)
    {
        var saved = (await _figures.ListMonthAsync(month, ct)).ToDictionary(f => f.UnitId);
        var rows = _units.Units.Where(u => u.Reports).Select(unit =>
        {
            saved.TryGetValue(unit.Id, out var f);
            var row = new Dictionary<string, object?>
            {
                ["单位"] = unit.Name,
                ["类别"] = _units.KindOf(unit).Name,
                ["状态"] = f is null ? "未报" : f.Late ? "逾期补报" : "已报",
                ["提交人"] = f?.SubmittedByName,
                ["提交时间"] = f is null ? null : TimeZoneInfo.ConvertTime(f.SubmittedAt, _window.Zone).ToString("yyyy-MM-dd HH:mm"),
            };
            foreach (var m in _catalog.Metrics)
                row[$"{m.Name}（{m.Unit}）"] = f is not null && f.Values.TryGetValue(m.Id, out var v) ? v : null;
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: month.Key, excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }
}
