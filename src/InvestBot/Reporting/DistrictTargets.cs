using System.Text.Json;

namespace InvestBot.Reporting;

/// <summary>A district-wide annual target from the document, e.g. 118 domestic projects in 2023.</summary>
public sealed record DistrictTarget(string MetricId, decimal Value, string Source)
{
    /// <summary>The document writes “以上” / “不少于” (3000家以上): the figure is a floor.</summary>
    public bool AtLeast { get; init; }
}

/// <summary>
/// Which units' figures make the district total: one project may be reported by the 街镇 or 载体单位 where it lands and by
/// the 区直部门 that helped, so adding every unit counts it twice. The units of <paramref name="CountedKinds"/> are added;
/// the others are shown apart as 协助引进. The document is silent, so the source is an office setting.
/// </summary>
public sealed record DistrictAttribution(IReadOnlyList<string> CountedKinds, string Source)
{
    /// <summary>Without a rule in the file every unit is added (the behaviour before the rule existed).</summary>
    public static readonly DistrictAttribution Everyone = new([], Common.RuleSource.Office + "：全部单位相加");

    public bool Counts(string kind) => CountedKinds.Count == 0 || CountedKinds.Contains(kind);
}

/// <summary>The district totals the document sets, from Data/district-targets.json, by year.</summary>
public sealed class DistrictTargets
{
    private readonly Dictionary<int, IReadOnlyList<DistrictTarget>> _byYear;

    public static readonly DistrictTargets None = new([]);

    public DistrictTargets(Dictionary<int, IReadOnlyList<DistrictTarget>> byYear, DistrictAttribution? attribution = null)
    {
        _byYear = byYear;
        Attribution = attribution ?? DistrictAttribution.Everyone;
    }

    public DistrictAttribution Attribution { get; }

    /// <summary>The years the file has totals for: the years of the notices they come from.</summary>
    public IReadOnlyCollection<int> Years => _byYear.Keys;

    public IReadOnlyList<DistrictTarget> For(int year) => _byYear.TryGetValue(year, out var t) ? t : Array.Empty<DistrictTarget>();

    public static DistrictTargets Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var years = doc.RootElement.GetProperty("years").EnumerateArray().ToDictionary(
            y => y.GetProperty("year").GetInt32(),
            y => (IReadOnlyList<DistrictTarget>)y.GetProperty("targets").EnumerateArray().Select(t => new DistrictTarget(
                t.GetProperty("metric").GetString()!, t.GetProperty("value").GetDecimal(),
                Common.RuleSource.Require(t.TryGetProperty("source", out var s) ? s.GetString() : null,
                    $"district-targets.json（{y.GetProperty("year").GetInt32()} / {t.GetProperty("metric").GetString()}）"))
            {
                AtLeast = t.TryGetProperty("atLeast", out var a) && a.GetBoolean(),
            }).ToList());
        var attribution = doc.RootElement.TryGetProperty("attribution", out var at)
            ? new DistrictAttribution(at.GetProperty("countedKinds").EnumerateArray().Select(k => k.GetString()!).ToList(),
                Common.RuleSource.Require(at.TryGetProperty("source", out var src) ? src.GetString() : null, "district-targets.json attribution.source"))
            : null;
        return new DistrictTargets(years, attribution);
    }
}

/// <summary>
/// One line of 目标汇总: what the units' targets in force add up to, against the district total when the document sets one,
/// or against the sum of the per-unit targets the document sets (<paramref name="DocumentUnitTargets"/>: a derived figure,
/// labelled as such, never presented as a district target).
/// </summary>
public sealed record TargetSum(Metric Metric, decimal UnitsTotal, int UnitsWithTarget, DistrictTarget? District,
    IReadOnlyList<(string Unit, UnitRequirement Requirement)> DocumentUnitTargets)
{
    public decimal DocumentUnitTargetsTotal => DocumentUnitTargets.Sum(t => t.Requirement.Value);

    public decimal? Gap => District is null ? null : UnitsTotal - District.Value;
}
