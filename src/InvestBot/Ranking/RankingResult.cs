using System.Text.Json.Serialization;

namespace InvestBot.Ranking;

/// <summary>A unit's year-to-date result on one metric. Completion is Actual/Target, uncapped; null when no usable target.</summary>
public sealed record MetricProgress(string MetricId, decimal Actual, decimal? Target, decimal? Completion);

/// <summary>One line of a category's ranking table.</summary>
/// <param name="Score">Weighted completion in percent (0–100×cap); null when not scored (未报送 or no target).</param>
/// <param name="PreviousRank">Rank in the previous month's ranking of the same year, when there was one.</param>
/// <param name="Interview">Flagged for a talk (约谈): bottom of its category at a quarter, half-year or year end.</param>
public sealed record RankedUnit(
    string UnitId, string UnitName, int Rank, decimal? Score, bool Submitted, bool HasTargets,
    IReadOnlyList<MetricProgress> Metrics, int? PreviousRank, bool Interview)
{
    /// <summary>Positive: moved up that many places since last month.</summary>
    [JsonIgnore]
    public int? RankChange => PreviousRank is { } p ? p - Rank : null;

    public MetricProgress? Metric(string id) => Metrics.FirstOrDefault(m => m.MetricId == id);
}

public sealed record CategoryRanking(string Category, IReadOnlyList<string> KeyFigures, IReadOnlyList<RankedUnit> Units)
{
    [JsonIgnore]
    public IEnumerable<RankedUnit> NotSubmitted => Units.Where(u => !u.Submitted);
    [JsonIgnore]
    public IEnumerable<RankedUnit> Interviewed => Units.Where(u => u.Interview);
}

/// <summary>A unit checked against its category's fixed per-unit targets (走出去 groups: ≥20000 万元, ≥30 家).</summary>
public sealed record TargetCheck(string UnitId, string UnitName, IReadOnlyList<MetricProgress> Metrics)
{
    [JsonIgnore]
    public bool Met => Metrics.All(m => m.Completion >= 1);
}

public sealed record RankingResult(
    RankingPeriod Period,
    IReadOnlyList<CategoryRanking> Categories,
    IReadOnlyList<TargetCheck> TargetChecks)
{
    /// <summary>Which months the year-to-date figures cover, in words ("2026年1—10月（12个单位1—5月为期初累计）"); null in old snapshots.</summary>
    public string? Coverage { get; init; }

    public RankedUnit? Find(string unitId) => Categories.SelectMany(c => c.Units).FirstOrDefault(u => u.UnitId == unitId);

    public CategoryRanking? CategoryOf(string unitId) => Categories.FirstOrDefault(c => c.Units.Any(u => u.UnitId == unitId));
}
