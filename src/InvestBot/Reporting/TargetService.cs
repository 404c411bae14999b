using System.Globalization;
using System.Text.RegularExpressions;
using InvestBot.Access;
using InvestBot.Organization;

namespace InvestBot.Reporting;

/// <summary>The outcome of an import: the targets that will be saved, or the reasons nothing was.</summary>
public sealed record TargetImportResult(IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> Targets, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0 && Targets.Count > 0;

    /// <summary>How amounts written with 亿/万 or separators were read ("潮阳街道 内资到位额：8亿 → 80000 万元").</summary>
    public IReadOnlyList<string> Conversions { get; init; } = [];
}

/// <summary>The outcome of the targets card: saved (with how amounts were read), or a message per field.</summary>
public sealed record TargetSaveResult(bool Saved, IReadOnlyDictionary<string, string> Errors, IReadOnlyDictionary<string, string> Conversions);

/// <summary>
/// Annual targets per unit and metric: entered on a card or imported from a table (CSV text or an Excel sheet),
/// always validated in full before anything is written. Admin only, checked here.
/// </summary>
public sealed partial class TargetService(AnnualTargetStore store, MetricCatalog catalog, UnitDirectory units,
    DistrictTargets district, UnitRequirements requirements, UserRoles roles)
{
    public const string AdminOnly = "只有区合作交流办管理员可以设置年度目标。";

    public bool IsAdmin(UserIdentity user) => roles.IsAdmin(user);

    /// <summary>The years the notice sets district totals for (the 2023 measures: 2023).</summary>
    public IReadOnlyCollection<int> DistrictYears => district.Years;

    /// <summary>An annual target may be up to twelve months of the monthly maximum; 亿/万 and thousands separators are read.</summary>
    public static ParsedAmount ParseTarget(Metric metric, string? text) =>
        AmountText.Parse(text, metric, metric.Cumulative ? metric.Max * 12 : metric.Max);

    public Task<IReadOnlyDictionary<string, decimal>> GetAsync(int year, Unit unit, CancellationToken ct) => store.GetUnitAsync(year, unit.Id, ct);

    /// <summary>Blank fields are left as they were; every other field must be a valid target.</summary>
    public async Task<TargetSaveResult> SaveAsync(UserIdentity admin, int year, Unit unit, IReadOnlyDictionary<string, string?> raw, CancellationToken ct)
    {
        var conversions = new Dictionary<string, string>();
        if (!roles.IsAdmin(admin)) return new(false, new Dictionary<string, string> { [""] = AdminOnly }, conversions);
        var values = new Dictionary<string, decimal>();
        var errors = new Dictionary<string, string>();
        foreach (var metric in catalog.ForKind(unit.Kind))
        {
            if (!raw.TryGetValue(metric.Id, out var text) || string.IsNullOrWhiteSpace(text)) continue;
            var parsed = ParseTarget(metric, text);
            if (parsed.Error is not null)
            {
                errors[metric.Id] = parsed.Error;
                continue;
            }
            values[metric.Id] = parsed.Value;
            if (parsed.Conversion is not null) conversions[metric.Id] = parsed.Conversion;
        }
        if (errors.Count > 0) return new(false, errors, conversions);
        if (values.Count > 0) await store.SetAsync(year, unit.Id, values, admin.Name ?? admin.Id, ct);
        return new(true, errors, conversions);
    }

    /// <summary>
    /// Rows of a table: a header (单位, then metric names or ids) and one row per unit. Blank cells are skipped.
    /// </summary>
    public TargetImportResult ParseTable(IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var errors = new List<string>();
        var conversions = new List<string>();
        var result = new Dictionary<string, IReadOnlyDictionary<string, decimal>>();
        if (rows.Count < 2) return new(result, new[] { "表格至少需要一行表头和一行数据。表头第一列为“单位”，其后为指标名称。" });
        var columns = rows[0].Skip(1).Select(h => FindMetric(h)).ToList();
        for (var c = 0; c < columns.Count; c++)
            if (columns[c] is null && !string.IsNullOrWhiteSpace(rows[0][c + 1]))
                errors.Add($"表头 {CellName.Of(0, c + 1)}（第 {c + 2} 列）不是已知指标。");
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            var unit = units.FindByName(row[0]) ?? units.FindById(row[0]?.Trim());
            if (unit is null || !unit.Reports)
            {
                errors.Add($"第 {r + 1} 行：{CellName.Of(r, 0)} 的单位不存在或不参与填报。");
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
                var parsed = ParseTarget(metric, text);
                if (parsed.Error is not null)
                {
                    errors.Add($"第 {r + 1} 行“{metric.Name}”：{parsed.Error}");
                    continue;
                }
                values[metric.Id] = parsed.Value;
                if (parsed.Conversion is not null) conversions.Add($"{unit.Name} {metric.Name}：{parsed.Conversion}");
            }
            if (result.ContainsKey(unit.Id)) errors.Add($"第 {r + 1} 行：{unit.Name}重复出现。");
            else result[unit.Id] = values;
        }
        return new(result, errors) { Conversions = conversions };
    }

    /// <summary>Parses and, only when every row is valid, saves. Returns the parse result either way.</summary>
    public async Task<TargetImportResult> ImportAsync(UserIdentity admin, int year, IReadOnlyList<IReadOnlyList<string?>> rows, CancellationToken ct)
    {
        if (!roles.IsAdmin(admin)) return new(new Dictionary<string, IReadOnlyDictionary<string, decimal>>(), new[] { AdminOnly });
        var parsed = ParseTable(rows);
        if (parsed.IsValid) await store.SetManyAsync(year, parsed.Targets, admin.Name ?? admin.Id, ct);
        return parsed;
    }

    /// <summary>
    /// How the units' targets in force (entered, or the document's per-unit target where none was entered) add up, against
    /// the district totals the document sets. Null for non-admins.
    /// </summary>
    public async Task<IReadOnlyList<TargetSum>?> SumAsync(UserIdentity admin, int year, CancellationToken ct)
    {
        if (!roles.IsAdmin(admin)) return null;
        var entered = await store.GetYearAsync(year, ct);
        var reporting = units.Units.Where(u => u.Reports).ToList();
        var inForce = reporting.ToDictionary(u => u.Id, u => requirements.Merge(u.Id, u.Kind, year, entered.GetValueOrDefault(u.Id)));
        var districtTotals = district.For(year);
        return catalog.Metrics.Select(m =>
        {
            var values = inForce.Values.Where(t => t.ContainsKey(m.Id)).Select(t => t[m.Id]).ToList();
            var documentUnits = reporting
                .Select(u => (u.Name, Requirement: requirements.TargetsFor(u.Id, u.Kind, year).GetValueOrDefault(m.Id)))
                .Where(x => x.Requirement is not null)
                .Select(x => (x.Name, x.Requirement!))
                .ToList();
            return new TargetSum(m, values.Sum(), values.Count, districtTotals.FirstOrDefault(d => d.MetricId == m.Id), documentUnits);
        }).ToList();
    }

    private Metric? FindMetric(string? header)
    {
        var h = (header ?? "").Trim();
        if (h.Length == 0) return null;
        return catalog.Find(h) ?? catalog.Metrics.FirstOrDefault(m => m.Name == h || $"{m.Name}（{m.Unit}）" == h || $"{m.Name}({m.Unit})" == h);
    }

    /// <summary>Excel shows (and exports) 1200 as "1,200"; only that exact grouping is accepted, so "1,2" stays an error.</summary>
    public static string Format(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
