using InvestBot.Common;
using InvestBot.Reporting;

namespace InvestBot.Ranking;

/// <summary>A unit taking part in the ranking, in directory order (the order used to list equal ranks).</summary>
/// <param name="Kind">The unit's kind (units.json), which the document's per-kind targets and minimums apply to.</param>
public sealed record RankableUnit(string Id, string Name, string Category, string Kind = "");

/// <summary>
/// Pure scoring: ranks units within their category from year-to-date figures against annual targets, and decides who is
/// summoned at period ends. Every rule comes from <see cref="RankingRules"/> (see docs/ranking.md):
/// score = Σ wᵢ·min(actualᵢ/targetᵢ, cap) / Σ wᵢ × 100 over the metrics that have a target above zero (targets entered by
/// admins, else the document's own target for the unit); ties on the score (to 0.01) are broken by the completion of the
/// metrics in weight-file order; still equal → same rank. Units without any usable target are not ranked; units that did
/// not report are not ranked or rank last, as the rules say. At a quarter, half-year or year end at most
/// <see cref="InterviewRule.Count"/> units of the summoned categories are flagged 约谈; ties that would exceed it are left
/// to the office (<see cref="InterviewDecision.Undecided"/>).
/// </summary>
public sealed class RankingCalculator(RankingRules rules, MetricCatalog catalog, UnitRequirements requirements, DistrictTargets district)
{
    public RankingResult Compute(
        RankingPeriod period,
        IReadOnlyList<RankableUnit> units,
        IReadOnlyList<UnitMonthFigures> yearFigures,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> targets)
    {
        var figures = yearFigures.Where(f => f.Year == period.Year && f.Month <= period.Month).ToLookup(f => f.UnitId);
        var previous = period.PreviousInYear is { } prev
            // A unit that did not report last month had no real place to move from: no ↑↓ for it.
            ? RankAll(prev, units, figures, targets).SelectMany(c => c.Units).Where(u => u.Submitted && u.Rank is not null)
                .ToDictionary(u => u.UnitId, u => u.Rank!.Value)
            : new Dictionary<string, int>();
        var categories = RankAll(period, units, figures, targets)
            .Select(c => c with
            {
                Units = c.Units.Select(u => u with { PreviousRank = previous.TryGetValue(u.UnitId, out var r) ? r : null }).ToList(),
            })
            .ToList();

        InterviewDecision? interview = null;
        if (period.IsInterviewPeriod)
        {
            interview = Interviews(categories);
            var summoned = interview.Summoned.ToHashSet();
            categories = categories.Select(c => c with
            {
                Units = c.Units.Select(u => u with { Interview = summoned.Contains(u.UnitId) }).ToList(),
            }).ToList();
        }

        var yearToDate = units.ToDictionary(u => u.Id, u => YearToDate.Of(figures[u.Id], period.Month, catalog));
        return new RankingResult(period, categories, TargetChecks(period, units, figures, yearToDate))
        {
            Interview = interview,
            District = District(period, units, yearToDate),
            Shortfalls = Shortfalls(period, units, yearToDate),
            CompletionCap = rules.CompletionCap.Value,
            NotReported = rules.NotReported.Value,
            InterviewNamesPublished = rules.Interview.PublishNames.Value,
            DistrictAttribution = AttributionNote(units),
        };
    }

    private List<CategoryRanking> RankAll(RankingPeriod period, IReadOnlyList<RankableUnit> units,
        ILookup<string, UnitMonthFigures> figures, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> targets)
    {
        var result = new List<CategoryRanking>();
        foreach (var rule in rules.Categories.Where(r => r.Ranked))
        {
            // A unit the office exempts by name (unitRules, e.g. the vertically managed bodies) is left out of its category's table.
            var members = units.Where(u => u.Category == rule.Name && rules.ForUnit(u.Id) is not { Ranked: false }).ToList();
            if (members.Count == 0) continue;
            var scored = members.Select((u, index) => Score(u, index, rule, period, figures[u.Id], targets.GetValueOrDefault(u.Id))).ToList();
            result.Add(new CategoryRanking(rule.Name, rule.KeyFigures, AssignRanks(scored)) { Summoned = rule.Summoned });
        }
        return result;
    }

    private sealed record Scored(RankableUnit Unit, int Order, bool Submitted, decimal? Score, decimal[] TieBreak, List<MetricProgress> Metrics);

    private Scored Score(RankableUnit unit, int order, CategoryRule rule, RankingPeriod period,
        IEnumerable<UnitMonthFigures> months, IReadOnlyDictionary<string, decimal>? entered)
    {
        var list = months.ToList();
        var submitted = list.Any(f => f.Month == period.Month);
        var ytd = YearToDate.Of(list, period.Month, catalog);
        var unitTargets = requirements.Merge(unit.Id, unit.Kind, period.Year, entered);
        var metrics = new List<MetricProgress>();
        decimal weighted = 0, weightSum = 0;
        var tieBreak = new decimal[rule.Weights.Count];
        for (var i = 0; i < rule.Weights.Count; i++)
        {
            var (metricId, weight) = rule.Weights[i];
            var actual = ytd.GetValueOrDefault(metricId);
            decimal? target = unitTargets.TryGetValue(metricId, out var t) ? t : null;
            // A zero or missing target cannot be "completed": the metric is left out of this unit's score.
            decimal? completion = target > 0 ? actual / target.Value : null;
            metrics.Add(new MetricProgress(metricId, actual, target, completion));
            if (completion is { } c)
            {
                var capped = Math.Min(c, rules.CompletionCap.Value);
                weighted += weight * capped;
                weightSum += weight;
                tieBreak[i] = Math.Round(capped, 4);
            }
        }
        decimal? score = submitted && weightSum > 0 ? Math.Round(weighted / weightSum * 100, 2) : null;
        return new Scored(unit, order, submitted, score, tieBreak, metrics);
    }

    private List<RankedUnit> AssignRanks(List<Scored> scored)
    {
        var ordered = scored.Where(s => s.Score is not null)
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.TieBreak, TieBreakComparer.Instance)
            .ThenBy(s => s.Order)
            .ToList();
        var ranks = new List<(Scored S, int? Rank)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var tied = i > 0 && ordered[i].Score == ordered[i - 1].Score
                              && TieBreakComparer.Instance.Compare(ordered[i].TieBreak, ordered[i - 1].TieBreak) == 0;
            ranks.Add((ordered[i], tied ? ranks[i - 1].Rank : i + 1));
        }
        // 未报送: ranked after everyone (equal among themselves) only when the office's rule says so, otherwise listed apart.
        var missing = scored.Where(s => !s.Submitted).OrderBy(s => s.Order).ToList();
        int? missingRank = rules.NotReported.Value == NotReportedRule.RankLast ? ordered.Count + 1 : null;
        ranks.AddRange(missing.Select(s => (s, missingRank)));
        // Reported but nothing to score against (no target entered and none in the document): never ranked.
        ranks.AddRange(scored.Where(s => s.Submitted && s.Score is null).OrderBy(s => s.Order).Select(s => (s, (int?)null)));

        return ranks.Select(r => new RankedUnit(
            r.S.Unit.Id, r.S.Unit.Name, r.Rank, r.S.Score, r.S.Submitted, r.S.Metrics.Any(m => m.Completion is not null),
            r.S.Metrics, null, false)).ToList();
    }

    /// <summary>
    /// The bottom units among the summoned categories, overall or per category. Goes up from the bottom tier by tier
    /// (units that cannot be told apart); a tier that would take the list above the limit is left undecided, so the bot
    /// never summons more than <see cref="InterviewRule.Count"/> units (nor more than the share of the candidates).
    /// </summary>
    private InterviewDecision Interviews(IReadOnlyList<CategoryRanking> categories)
    {
        var rule = rules.Interview;
        var summonedCategories = categories.Where(c => rules.For(c.Category) is { Summoned: true }).ToList();
        var candidates = summonedCategories.SelectMany(c => c.RankedUnits.Where(Summonable).Select(u => (Category: c.Category, Unit: u))).ToList();
        var eligible = summonedCategories.Sum(c => c.Units.Count(Summonable));
        var scored = candidates.Count(c => c.Unit.Score is not null);
        var summoned = new List<string>();
        var undecided = new List<string>();
        // Early in use most units have no reports or no targets: "the last three" of a handful would be an accident. Units
        // ranked last for not reporting do not count here, or a month when almost nobody reported would summon by accident.
        if (scored < eligible * rule.MinRankedShare.Value)
            return new InterviewDecision(summoned, undecided, rule.Count.Value, rule.Scope.Value, scored, eligible, TooFewRanked: true);
        var groups = rule.Scope.Value == InterviewScope.Overall
            ? [candidates]
            : candidates.GroupBy(c => c.Category).Select(g => g.ToList()).ToList();
        foreach (var group in groups)
        {
            var limit = Math.Min(rule.Count.Value, (int)Math.Floor(group.Count * rule.MaxShare.Value));
            var taken = 0;
            foreach (var tier in Tiers(group))
            {
                if (taken >= limit) break;
                if (taken + tier.Count <= limit)
                {
                    summoned.AddRange(tier);
                    taken += tier.Count;
                }
                else
                {
                    undecided.AddRange(tier);
                    break;
                }
            }
        }
        return new InterviewDecision(summoned, undecided, rule.Count.Value, rule.Scope.Value, scored, eligible);
    }

    /// <summary>Ranked but never summoned when the office's unitRules say so.</summary>
    private bool Summonable(RankedUnit unit) => rules.ForUnit(unit.UnitId) is not { Summoned: false };

    /// <summary>
    /// Candidates from the worst up, as groups that cannot be told apart. Within one category the rank decides (it already
    /// holds the tie-break). Across categories only the score compares; equal scores from different categories are one tier.
    /// Units ranked last without a score (未报送 under rankLast) are the bottom tier.
    /// </summary>
    private static IEnumerable<List<string>> Tiers(List<(string Category, RankedUnit Unit)> group)
    {
        foreach (var byScore in group.GroupBy(c => c.Unit.Score ?? -1m).OrderBy(g => g.Key))
        {
            var members = byScore.ToList();
            if (members.Select(m => m.Category).Distinct().Count() == 1)
                foreach (var byRank in members.GroupBy(m => m.Unit.Rank).OrderByDescending(g => g.Key))
                    yield return byRank.Select(m => m.Unit.UnitId).ToList();
            else
                yield return members.Select(m => m.Unit.UnitId).ToList();
        }
    }

    /// <summary>Units the document gives fixed targets to be checked (（二十八）), each metric against it.</summary>
    private List<TargetCheck> TargetChecks(RankingPeriod period, IReadOnlyList<RankableUnit> units,
        ILookup<string, UnitMonthFigures> figures, Dictionary<string, IReadOnlyDictionary<string, decimal>> yearToDate)
    {
        var checks = new List<TargetCheck>();
        foreach (var unit in units)
        {
            var checkedTargets = requirements.TargetsFor(unit.Id, unit.Kind, period.Year).Values.Where(r => r.Checked).ToList();
            if (checkedTargets.Count == 0) continue;
            var ytd = yearToDate[unit.Id];
            checks.Add(new TargetCheck(unit.Id, unit.Name, checkedTargets.Select(t =>
            {
                var actual = ytd.GetValueOrDefault(t.MetricId);
                return new MetricProgress(t.MetricId, actual, t.Value, actual / t.Value);
            }).ToList(), figures[unit.Id].Any(f => f.Month == period.Month)));
        }
        return checks;
    }

    /// <summary>
    /// The district's year so far against the totals the notice sets, added up by the attribution rule (district-targets.json):
    /// the units where projects land are added, the others (区直部门) are 协助引进 — shown apart, so no project counts twice.
    /// </summary>
    private List<DistrictProgress> District(RankingPeriod period, IReadOnlyList<RankableUnit> units,
        Dictionary<string, IReadOnlyDictionary<string, decimal>> yearToDate)
    {
        var counted = units.Where(u => district.Attribution.Counts(u.Kind)).ToList();
        var assisted = units.Where(u => !district.Attribution.Counts(u.Kind)).ToList();
        return district.For(period.Year)
            .Select(t => new DistrictProgress(t.MetricId, counted.Sum(u => yearToDate[u.Id].GetValueOrDefault(t.MetricId)), t.Value, t.Source)
            {
                Assisted = assisted.Sum(u => yearToDate[u.Id].GetValueOrDefault(t.MetricId)),
                AtLeast = t.AtLeast,
            })
            .ToList();
    }

    /// <summary>The attribution rule in the card's words, from the categories of the units it adds and leaves apart.</summary>
    private string? AttributionNote(IReadOnlyList<RankableUnit> units)
    {
        if (district.Attribution.CountedKinds.Count == 0) return null;
        var counted = units.Where(u => district.Attribution.Counts(u.Kind)).Select(u => u.Category).Distinct().OrderBy(rules.OrderOf).ToList();
        var apart = units.Where(u => !district.Attribution.Counts(u.Kind) && rules.For(u.Category) is { Ranked: true })
            .Select(u => u.Category).Distinct().OrderBy(rules.OrderOf).ToList();
        return $"全区累计只加{string.Join("、", counted)}的数字（项目落地单位）" +
               (apart.Count > 0 ? $"，{string.Join("、", apart)}的数字为协助引进，另列不相加" : "") + $"，以免同一项目重复计算（{RuleSource.Office}）";
    }

    private List<MinimumShortfall> Shortfalls(RankingPeriod period, IReadOnlyList<RankableUnit> units,
        Dictionary<string, IReadOnlyDictionary<string, decimal>> yearToDate) =>
        units.SelectMany(u => requirements.ShortfallsOf(u.Id, u.Kind, period.Year, yearToDate[u.Id])
                .Select(s => new MinimumShortfall(u.Id, u.Name, s.Requirement.MetricId, s.Actual, s.Requirement.Value, s.Requirement.Source)))
            .ToList();

    private sealed class TieBreakComparer : IComparer<decimal[]>
    {
        public static readonly TieBreakComparer Instance = new();

        public int Compare(decimal[]? x, decimal[]? y)
        {
            for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
            {
                var c = x[i].CompareTo(y[i]);
                if (c != 0) return c;
            }
            return 0;
        }
    }
}
