using System.Globalization;
using System.Text.RegularExpressions;
using InvestBot.Access;
using InvestBot.Organization;

namespace InvestBot.Reporting;

/// <summary>The outcome of an import: the targets that will be saved, or the reasons nothing was.</summary>
public sealed record TargetImportResult(IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> Targets, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0 && Targets.Count > 0;
}

/// <summary>
/// Annual targets per unit and metric: entered on a card or imported from a table (CSV text or an Excel sheet),
/// always validated in full before anything is written. Admin only, checked here.
/// </summary>
public sealed partial class TargetService
{
    public const string AdminOnly = "只有区合作交流办管理员可以设置年度目标。";
    private readonly AnnualTargetStore _store;
    private readonly MetricCatalog _catalog;
    private readonly UnitDirectory _units;
    private readonly DistrictTargets _district;
    private readonly UserRoles _roles;

    public TargetService(AnnualTargetStore store, MetricCatalog catalog, UnitDirectory units, DistrictTargets district, UserRoles roles)
    {
        _store = store;
        _catalog = catalog;
        _units = units;
        _district = district;
        _roles = roles;
    }

    public bool IsAdmin(UserIdentity user) => _roles.IsAdmin(user);

    /// <summary>An annual target may be up to twelve months of the monthly maximum.</summary>
    public static (decimal Value, string? Error) ParseTarget(Metric metric, string? text) =>
        FigureValidator.ParseNumber(text, metric.Decimals, 0, metric.Cumulative ? metric.Max * 12 : metric.Max, metric.Unit);

    public Task<IReadOnlyDictionary<string, decimal>> GetAsync(int year, Unit unit, CancellationToken ct) => _store.GetUnitAsync(year, unit.Id, ct);

    /// <summary>Blank fields are left as they were; every other field must be a valid target.</summary>
    public async Task<(bool Saved, IReadOnlyDictionary<string, string> Errors)> SaveAsync(UserIdentity admin, int year, Unit unit,
        IReadOnlyDictionary<string, string?> raw, CancellationToken ct)
    {
        if (!_roles.IsAdmin(admin)) return (false, new Dictionary<string, string> { [""] = AdminOnly });
        var values = new Dictionary<string, decimal>();
        var errors = new Dictionary<string, string>();
        foreach (var metric in _catalog.ForKind(unit.Kind))
        {
            if (!raw.TryGetValue(metric.Id, out var text) || string.IsNullOrWhiteSpace(text)) continue;
            var (value, error) = ParseTarget(metric, text);
            if (error is null) values[metric.Id] = value;
            else errors[metric.Id] = error;
        }
        if (errors.Count > 0) return (false, errors);
        if (values.Count > 0) await _store.SetAsync(year, unit.Id, values, admin.Name ?? admin.Id, ct);
        return (true, errors);
    }

    /// <summary>
    /// Rows of a table: a header (单位, then metric names or ids) and one row per unit. Blank cells are skipped.
    /// </summary>
    public TargetImportResult ParseTable(IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var errors = new List<string>();
        var result = new Dictionary<string, IReadOnlyDictionary<string, decimal>>();
        if (rows.Count < 2) return new(result, new[] { "表格至少需要一行表头和一行数据。表头第一列为“单位”，其后为指标名称。" });
        var columns = rows[0].Skip(1).Select(h => FindMetric(h)).ToList();
        for (var c = 0; c < columns.Count; c++)
            if (columns[c] is null && !string.IsNullOrWhiteSpace(rows[0][c + 1]))
                errors.Add($"表头第 {c + 2} 列“{rows[0][c + 1]}”不是已知指标。");
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            var unit = _units.FindByName(row[0]) ?? _units.FindById(row[0]?.Trim());
            if (unit is null || !unit.Reports)
            {
                errors.Add($"第 {r + 1} 行：单位“{row[0]}”不存在或不参与填报。");
                continue;
            }
            if (row.Skip(columns.Count + 1).Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                errors.Add($"第 {r + 1} 行：单元格比表头多（数字中的逗号，如 1,200，需要放在英文双引号中，或去掉逗号）。");
                continue;
            }
            var values = new Dictionary<string, decimal>();
            for (var c = 0; c < columns.Count && c + 1 < row.Count; c++)
            {
                var text = row[c + 1];
                if (columns[c] is not { } metric || string.IsNullOrWhiteSpace(text)) continue;
                if (!metric.ReportedBy.Contains(unit.Kind))
                {
                    errors.Add($"第 {r + 1} 行：{unit.Name}不填报“{metric.Name}”。");
                    continue;
                }
                var (value, error) = ParseTarget(metric, WithoutThousandsSeparators(text));
                if (error is null) values[metric.Id] = value;
                else errors.Add($"第 {r + 1} 行“{metric.Name}”：{error}");
            }
            if (result.ContainsKey(unit.Id)) errors.Add($"第 {r + 1} 行：{unit.Name}重复出现。");
            else result[unit.Id] = values;
        }
        return new(result, errors);
    }

    /// <summary>Parses and, only when every row is valid, saves. Returns the parse result either way.</summary>
    public async Task<TargetImportResult> ImportAsync(UserIdentity admin, int year, IReadOnlyList<IReadOnlyList<string?>> rows, CancellationToken ct)
    {
        if (!_roles.IsAdmin(admin)) return new(new Dictionary<string, IReadOnlyDictionary<string, decimal>>(), new[] { AdminOnly });
        var parsed = ParseTable(rows);
        if (parsed.IsValid) await _store.SetManyAsync(year, parsed.Targets, admin.Name ?? admin.Id, ct);
        return parsed;
    }

    /// <summary>How the units' targets add up against the document's district totals. Null for non-admins.</summary>
    public async Task<IReadOnlyList<TargetSum>?> SumAsync(UserIdentity admin, int year, CancellationToken ct)
    {
        if (!_roles.IsAdmin(admin)) return null;
        var all = await _store.GetYearAsync(year, ct);
        var district = _district.For(year);
        return _catalog.Metrics.Select(m =>
        {
            var values = all.Values.Where(t => t.ContainsKey(m.Id)).Select(t => t[m.Id]).ToList();
            return new TargetSum(m, values.Sum(), values.Count, district.FirstOrDefault(d => d.MetricId == m.Id));
        }).ToList();
    }

    private Metric? FindMetric(string? header)
    {
        var h = (header ?? "").Trim();
        if (h.Length == 0) return null;
        return _catalog.Find(h) ?? _catalog.Metrics.FirstOrDefault(m => m.Name == h || $"{m.Name}（{m.Unit}）" == h || $"{m.Name}({m.Unit})" == h);
    }

    /// <summary>Excel shows (and exports) 1200 as "1,200"; only that exact grouping is accepted, so "1,2" stays an error.</summary>
    public static string WithoutThousandsSeparators(string text) =>
        ThousandsGrouped().IsMatch(text.Trim()) ? text.Trim().Replace(",", "") : text;

    [GeneratedRegex(@"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")]
    private static partial Regex ThousandsGrouped();

    public static string Format(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
