using System.Text.Json.Serialization;

namespace InvestBot.Ranking;

/// <summary>A unit's year-to-date result on one metric. Completion is Actual/Target, uncapped; null when no usable target.</summary>
public sealed record MetricProgress(string MetricId, decimal Actual, decimal? Target, decimal? Completion);

/// <summary>One unit of a category: ranked, or listed apart as 未报送 / 未设目标 (see <see cref="RankingRules"/>).</summary>
/// <param name="Rank">Place in its category; null when the unit is not ranked (未报送 or 未设目标 under the office's rules).</param>
/// <param name="Score">Weighted completion in percent (0–100×cap); null when not scored (未报送 or no target).</param>
/// <param name="PreviousRank">Rank in the previous month's ranking of the same year, when there was one.</param>
/// <param name="Interview">Summoned for a talk (约谈) at a quarter, half-year or year end.</param>
public sealed record RankedUnit(
    string UnitId, string UnitName, int? Rank, decimal? Score, bool Submitted, bool HasTargets,
    IReadOnlyList<MetricProgress> Metrics, int? PreviousRank, bool Interview)
{
    /// <summary>Positive: moved up that many places since last month.</summary>
    [JsonIgnore]
    public int? RankChange => PreviousRank is { } p && Rank is { } r ? p - r : null;

    [JsonIgnore]
    public bool Ranked => Rank is not null;

    public MetricProgress? Metric(string id) => Metrics.FirstOrDefault(m => m.MetricId == id);
}

/// <summary>A ranked category: ranked units first in rank order, then the units listed apart.</summary>
public sealed record CategoryRanking(string Category, IReadOnlyList<string> KeyFigures, IReadOnlyList<RankedUnit> Units)
{
    /// <summary>Its units may be summoned (（二十七）), as the rules said when the ranking was computed.</summary>
    public bool Summoned { get; init; }

    [JsonIgnore]
    public IEnumerable<RankedUnit> RankedUnits => Units.Where(u => u.Ranked);
    [JsonIgnore]
    public IEnumerable<RankedUnit> NotSubmitted => Units.Where(u => !u.Submitted);
    /// <summary>Reported, but no target to score against (not ranked).</summary>
    [JsonIgnore]
    public IEnumerable<RankedUnit> WithoutTargets => Units.Where(u => u.Submitted && !u.HasTargets);
    [JsonIgnore]
    public IEnumerable<RankedUnit> Interviewed => Units.Where(u => u.Interview);
}

/// <summary>A unit checked against the document's fixed per-unit targets (（二十八）: each 走出去 group ≥ 2 亿元, ≥ 30 个).</summary>
public sealed record TargetCheck(string UnitId, string UnitName, IReadOnlyList<MetricProgress> Metrics, bool Submitted = true)
{
    [JsonIgnore]
    public bool Met => Metrics.All(m => m.Completion >= 1);
}

/// <summary>A district total of the year so far against the district target the notice sets (（一）（二）).</summary>
/// <param name="Actual">The year so far of the units the attribution rule adds (the 街镇 and 载体单位 where projects land).</param>
public sealed record DistrictProgress(string MetricId, decimal Actual, decimal Target, string Source)
{
    /// <summary>Reported by the units the attribution rule does not add (区直部门): 协助引进, shown apart, never added.</summary>
    public decimal Assisted { get; init; }

    /// <summary>The target is a floor (“3000家以上”).</summary>
    public bool AtLeast { get; init; }

    [JsonIgnore]
    public decimal Completion => Target > 0 ? Actual / Target : 0;
}

/// <summary>A unit whose latest reported figure is below the document's minimum (（七）（八）: 招商队伍人数).</summary>
public sealed record MinimumShortfall(string UnitId, string UnitName, string MetricId, decimal Actual, decimal Minimum, string Source);

/// <summary>
/// Who is summoned at a period end. Summoned units are also flagged on their row. Undecided: units tied at the last place
/// whose inclusion would exceed the configured number; the office decides about them, the bot never summons them itself.
/// </summary>
/// <param name="Ranked">Ranked units of the summoned categories.</param>
/// <param name="Eligible">All units of the summoned categories.</param>
/// <param name="TooFewRanked">Fewer than the rules' share were ranked: nobody is summoned automatically.</param>
public sealed record InterviewDecision(IReadOnlyList<string> Summoned, IReadOnlyList<string> Undecided, int Count, InterviewScope Scope,
    int Ranked = 0, int Eligible = 0, bool TooFewRanked = false);

public sealed record RankingResult(
    RankingPeriod Period,
    IReadOnlyList<CategoryRanking> Categories,
    IReadOnlyList<TargetCheck> TargetChecks)
{
    /// <summary>Which months the year-to-date figures cover, in words ("2026年1—10月（12个单位1—5月为期初累计）"); null in old snapshots.</summary>
    public string? Coverage { get; init; }

    /// <summary>Null in an ordinary month (no 约谈).</summary>
    public InterviewDecision? Interview { get; init; }

    public IReadOnlyList<DistrictProgress> District { get; init; } = [];

    public IReadOnlyList<MinimumShortfall> Shortfalls { get; init; } = [];

    /// <summary>The rules in force when it was computed, kept with the snapshot so a card states what was applied.</summary>
    public decimal CompletionCap { get; init; }

    public NotReportedRule NotReported { get; init; }

    /// <summary>Whether the announcement names the summoned units (interview.publishNames); true in older snapshots.</summary>
    public bool InterviewNamesPublished { get; init; } = true;

    /// <summary>How the district total was added up (the attribution rule and its source), stated on the card; null in older snapshots.</summary>
    public string? DistrictAttribution { get; init; }

    /// <summary>（二十八）'s targets are annual: a verdict (达标 / 未达标) only for the December ranking, the year's end.</summary>
    [JsonIgnore]
    public bool YearEnd => Period.Month == 12;

    /// <summary>The share of the year the figures cover, shown next to progress against an annual target before December.</summary>
    [JsonIgnore]
    public decimal YearElapsed => Period.Month / 12m;

    /// <summary>Units whose figures for the month are in, out of all units in the ranking and the target checks.</summary>
    [JsonIgnore]
    public (int Reported, int Total) Reported
    {
        get
        {
            var units = Categories.SelectMany(c => c.Units).Select(u => (u.UnitId, u.Submitted))
                .Concat(TargetChecks.Select(t => (t.UnitId, t.Submitted)))
                .DistinctBy(u => u.UnitId).ToList();
            return (units.Count(u => u.Submitted), units.Count);
        }
    }

    public RankedUnit? Find(string unitId) => Categories.SelectMany(c => c.Units).FirstOrDefault(u => u.UnitId == unitId);

    public CategoryRanking? CategoryOf(string unitId) => Categories.FirstOrDefault(c => c.Units.Any(u => u.UnitId == unitId));

    public TargetCheck? CheckOf(string unitId) => TargetChecks.FirstOrDefault(t => t.UnitId == unitId);

    /// <summary>Every summoned unit, in the order of the announcement.</summary>
    [JsonIgnore]
    public IEnumerable<RankedUnit> Interviewed => Categories.SelectMany(c => c.Interviewed);

    /// <summary>A fingerprint of the 约谈 list, carried by the confirm button so a list that changed since the preview is not published.</summary>
    [JsonIgnore]
    public string InterviewKey
    {
        get
        {
            if (Interview is null) return "none";
            var text = string.Join(",", Interview.Summoned.Order(StringComparer.Ordinal)) + "|" + string.Join(",", Interview.Undecided.Order(StringComparer.Ordinal));
            return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
        }
    }
}
