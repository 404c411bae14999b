using System.Text.Json;
using InvestBot.Common;
using InvestBot.Organization;

namespace InvestBot.Reporting;

/// <summary>
/// A target or minimum the notice sets for one unit (<see cref="UnitId"/>) or a whole kind (<see cref="Kind"/>),
/// e.g. （三）科技城 30 个实体项目, （八）各街镇不少于 5 人.
/// </summary>
/// <param name="Year">The year it applies to; null: every year.</param>
/// <param name="AtLeast">The document writes 不少于 / 不低于.</param>
/// <param name="Checked">Also shown as 达标 / 未达标 (（二十八）'s group targets).</param>
public sealed record UnitRequirement(string? UnitId, string? Kind, string MetricId, decimal Value, bool AtLeast, int? Year,
    bool Checked, string Source)
{
    public bool AppliesTo(string unitId, string kind, int year) =>
        (UnitId == unitId || (UnitId is null && Kind == kind)) && (Year is null || Year == year);

    /// <summary>Who it is for, as the office reads it: the unit's name or the kind's name with 各.</summary>
    public string Subject(UnitDirectory units) =>
        UnitId is not null ? units.FindById(UnitId)?.Name ?? UnitId : "各" + (units.Kinds.FirstOrDefault(k => k.Id == Kind)?.Name ?? Kind);
}

/// <summary>A reported value below the document's minimum, e.g. 4 招商人员 where （八） requires 5.</summary>
public sealed record Shortfall(UnitRequirement Requirement, decimal Actual);

/// <summary>The per-unit targets and minimums of Data/unit-requirements.json.</summary>
public sealed class UnitRequirements(IReadOnlyList<UnitRequirement> annualTargets, IReadOnlyList<UnitRequirement> minimums)
{
    public static readonly UnitRequirements None = new([], []);

    public IReadOnlyList<UnitRequirement> AnnualTargets { get; } = annualTargets;
    public IReadOnlyList<UnitRequirement> Minimums { get; } = minimums;

    /// <summary>The document's annual targets for the unit in that year, metric id → requirement (a unit's own entry wins over its kind's).</summary>
    public IReadOnlyDictionary<string, UnitRequirement> TargetsFor(string unitId, string kind, int year) => Pick(AnnualTargets, unitId, kind, year);

    public IReadOnlyDictionary<string, UnitRequirement> MinimumsFor(string unitId, string kind, int year) => Pick(Minimums, unitId, kind, year);

    /// <summary>Targets in force: what admins entered, and the document's target for every metric they left empty.</summary>
    public IReadOnlyDictionary<string, decimal> Merge(string unitId, string kind, int year, IReadOnlyDictionary<string, decimal>? entered)
    {
        var merged = TargetsFor(unitId, kind, year).ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);
        foreach (var (metric, value) in entered ?? new Dictionary<string, decimal>()) merged[metric] = value;
        return merged;
    }

    /// <summary>The minimums the reported values fall short of (a value not reported is not judged).</summary>
    public IReadOnlyList<Shortfall> ShortfallsOf(string unitId, string kind, int year, IReadOnlyDictionary<string, decimal> values) =>
        MinimumsFor(unitId, kind, year).Values
            .Where(r => values.TryGetValue(r.MetricId, out var v) && v < r.Value)
            .Select(r => new Shortfall(r, values[r.MetricId]))
            .ToList();

    private static Dictionary<string, UnitRequirement> Pick(IEnumerable<UnitRequirement> list, string unitId, string kind, int year)
    {
        var result = new Dictionary<string, UnitRequirement>(StringComparer.Ordinal);
        // Kind-wide entries first, so a unit's own entry overwrites them.
        foreach (var r in list.Where(r => r.AppliesTo(unitId, kind, year)).OrderBy(r => r.UnitId is null ? 0 : 1))
            result[r.MetricId] = r;
        return result;
    }

    /// <summary>Every unit, kind and metric must exist, so a typo fails at startup rather than silently applying to nobody.</summary>
    public void Validate(MetricCatalog catalog, UnitDirectory units)
    {
        foreach (var r in AnnualTargets.Concat(Minimums))
        {
            var where = $"unit-requirements.json（{r.UnitId ?? r.Kind} / {r.MetricId}）";
            if (catalog.Find(r.MetricId) is null) throw new InvalidDataException($"{where}：指标不存在");
            if (r.UnitId is not null && units.FindById(r.UnitId) is null) throw new InvalidDataException($"{where}：单位不存在");
            if (r.UnitId is null && units.Kinds.All(k => k.Id != r.Kind)) throw new InvalidDataException($"{where}：单位类别不存在");
        }
    }

    public static UnitRequirements Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return new UnitRequirements(Read(doc.RootElement, "annualTargets"), Read(doc.RootElement, "minimums"));
    }

    private static List<UnitRequirement> Read(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var list)) return [];
        return list.EnumerateArray().Select(e =>
        {
            string? Str(string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
            bool Flag(string name) => e.TryGetProperty(name, out var v) && v.GetBoolean();
            var unit = Str("unit");
            var kind = Str("kind");
            var metric = Str("metric") ?? throw new InvalidDataException($"unit-requirements.json {property}：缺少 metric");
            if ((unit is null) == (kind is null)) throw new InvalidDataException($"unit-requirements.json {property}（{metric}）：unit 和 kind 须有且只有一个");
            var value = e.GetProperty("value").GetDecimal();
            if (value <= 0) throw new InvalidDataException($"unit-requirements.json {property}（{metric}）：value 须大于 0");
            int? year = e.TryGetProperty("year", out var y) ? y.GetInt32() : null;
            var source = RuleSource.Require(Str("source"), $"unit-requirements.json {property}（{unit ?? kind} / {metric}）");
            return new UnitRequirement(unit, kind, metric, value, Flag("atLeast"), year, Flag("checked"), source);
        }).ToList();
    }
}
