using System.Text.Json;

namespace InvestBot.Reporting;

/// <summary>A district-wide annual target from the document, e.g. 118 domestic projects in 2023.</summary>
public sealed record DistrictTarget(string MetricId, decimal Value, string Source);

/// <summary>The district totals the document sets, from Data/district-targets.json, by year.</summary>
public sealed class DistrictTargets
{
    private readonly Dictionary<int, IReadOnlyList<DistrictTarget>> _byYear;

    public static readonly DistrictTargets None = new([]);

    public DistrictTargets(Dictionary<int, IReadOnlyList<DistrictTarget>> byYear) => _byYear = byYear;

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
                    $"district-targets.json（{y.GetProperty("year").GetInt32()} / {t.GetProperty("metric").GetString()}）"))).ToList());
        return new DistrictTargets(years);
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
