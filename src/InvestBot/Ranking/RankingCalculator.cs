using InvestBot.Reporting;

namespace InvestBot.Ranking;

/// <summary>A unit taking part in the ranking, in directory order (the order used to list equal ranks).</summary>
public sealed record RankableUnit(string Id, string Name, string Category);

/// <summary>
/// Pure scoring: ranks units within their category from year-to-date figures against annual targets.
/// Rules (see docs/ranking.md):
/// score = Σ wᵢ·min(actualᵢ/targetᵢ, cap) / Σ wᵢ × 100 over the metrics that have a target above zero;
/// ties on the score (to 0.01) are broken by the completion of the metrics in weight-file order; still equal → same rank;
/// units without any usable target rank after the scored ones; units that did not submit for the month rank last (未报送);
/// at a quarter, half-year or year end the bottom <c>interviewCount</c> (at most half the category) are flagged 约谈.
/// </summary>
public sealed class RankingCalculator
{
    private readonly RankingRules _rules;
    private readonly MetricCatalog _catalog;

    public RankingCalculator(RankingRules rules, MetricCatalog catalog)
    {
        _rules = rules;
        _catalog = catalog;
    }

    public RankingResult Compute(
        RankingPeriod period,
        IReadOnlyList<RankableUnit> units,
        IReadOnlyList<UnitMonthFigures> yearFigures,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> targets)
    {
        var previous = period.PreviousInYear is { } prev
            // A unit that did not report last month had no real place to move from: no ↑↓ for it.
            ? RankAll(prev, units, yearFigures, targets).SelectMany(c => c.Units).Where(u => u.Submitted).ToDictionary(u => u.UnitId, u => u.Rank)
            : new Dictionary<string, int>();
        var categories = RankAll(period, units, yearFigures, targets)
            .Select(c => c with
            {
                Units = c.Units.Select(u => u with
                {
                    PreviousRank = previous.TryGetValue(u.UnitId, out var r) ? r : null,
                }).ToList(),
            })
            .ToList();
        return new RankingResult(period, categories, TargetChecks(period, units, yearFigures));
    }

    private List<CategoryRanking> RankAll(
        RankingPeriod period, IReadOnlyList<RankableUnit> units, IReadOnlyList<UnitMonthFigures> yearFigures,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> targets)
    {
        var figures = yearFigures.Where(f => f.Year == period.Year && f.Month <= period.Month).ToLookup(f => f.UnitId);
        var result = new List<CategoryRanking>();
        foreach (var group in units.GroupBy(u => u.Category))
        {
            var rule = _rules.For(group.Key);
            if (rule is null) continue; // a category without rules is not ranked
            var scored = group.Select((u, index) => Score(u, index, rule, period, figures[u.Id], targets.GetValueOrDefault(u.Id))).ToList();
            result.Add(new CategoryRanking(group.Key, rule.KeyFigures, AssignRanks(scored, period)));
        }
        return result;
    }

    private sealed record Scored(RankableUnit Unit, int Order, bool Submitted, decimal? Score, decimal[] TieBreak, List<MetricProgress> Metrics);

    private Scored Score(RankableUnit unit, int order, CategoryRule rule, RankingPeriod period,
        IEnumerable<UnitMonthFigures> months, IReadOnlyDictionary<string, decimal>? unitTargets)
    {
        var list = months.ToList();
        var submitted = list.Any(f => f.Month == period.Month);
        var ytd = YearToDate.Of(list, period.Month, _catalog);
        var metrics = new List<MetricProgress>();
        decimal weighted = 0, weightSum = 0;
        var tieBreak = new decimal[rule.Weights.Count];
        for (var i = 0; i < rule.Weights.Count; i++)
        {
            var (metricId, weight) = rule.Weights[i];
            var actual = ytd.GetValueOrDefault(metricId);
            decimal? target = unitTargets is not null && unitTargets.TryGetValue(metricId, out var t) ? t
                : rule.DefaultTargets.TryGetValue(metricId, out var d) ? d : null;
            // A zero or missing target cannot be "completed": the metric is left out of this unit's score.
            decimal? completion = target > 0 ? actual / target.Value : null;
            metrics.Add(new MetricProgress(metricId, actual, target, completion));
            if (completion is { } c)
            {
                var capped = Math.Min(c, _rules.CompletionCap);
                weighted += weight * capped;
                weightSum += weight;
                tieBreak[i] = Math.Round(capped, 4);
            }
        }
        decimal? score = submitted && weightSum > 0 ? Math.Round(weighted / weightSum * 100, 2) : null;
        return new Scored(unit, order, submitted, score, tieBreak, metrics);
    }

    private List<RankedUnit> AssignRanks(List<Scored> scored, RankingPeriod period)
    {
        var ordered = scored.Where(s => s.Score is not null)
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.TieBreak, TieBreakComparer.Instance)
            .ThenBy(s => s.Order)
            .ToList();
        var ranks = new List<(Scored S, int Rank)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var tied = i > 0 && ordered[i].Score == ordered[i - 1].Score
                              && TieBreakComparer.Instance.Compare(ordered[i].TieBreak, ordered[i - 1].TieBreak) == 0;
            ranks.Add((ordered[i], tied ? ranks[i - 1].Rank : i + 1));
        }
        // Submitted but nothing to score against (no targets entered yet): after the scored units, equal among themselves.
        var noTarget = scored.Where(s => s.Submitted && s.Score is null).OrderBy(s => s.Order).ToList();
        ranks.AddRange(noTarget.Select(s => (s, ordered.Count + 1)));
        // 未报送 always last, equal among themselves.
        var missing = scored.Where(s => !s.Submitted).OrderBy(s => s.Order).ToList();
        var missingRank = ordered.Count + noTarget.Count + 1;
        ranks.AddRange(missing.Select(s => (s, missingRank)));

        var interviewFrom = InterviewThreshold(ranks.Select(r => r.Rank).ToList(), period);
        return ranks.Select(r => new RankedUnit(
            r.S.Unit.Id, r.S.Unit.Name, r.Rank, r.S.Score, r.S.Submitted, r.S.Metrics.Any(m => m.Completion is not null),
            r.S.Metrics, null, interviewFrom is { } from && r.Rank >= from)).ToList();
    }

    /// <summary>
    /// The rank from which units are summoned: the rank of the k-th unit from the bottom, where k is interviewCount
    /// but never more than half the category. Units tied with that unit are summoned too.
    /// </summary>
    private int? InterviewThreshold(IReadOnlyList<int> ranks, RankingPeriod period)
    {
        if (!period.IsInterviewPeriod || ranks.Count < 2) return null;
        var k = Math.Min(_rules.InterviewCount, ranks.Count / 2);
        return ranks[ranks.Count - k];
    }

    private IReadOnlyList<TargetCheck> TargetChecks(RankingPeriod period, IReadOnlyList<RankableUnit> units, IReadOnlyList<UnitMonthFigures> yearFigures)
    {
        var checks = new List<TargetCheck>();
        foreach (var unit in units)
        {
            if (_rules.For(unit.Category) is not { TargetCheck: true } rule) continue;
            var ytd = YearToDate.Of(yearFigures.Where(f => f.UnitId == unit.Id && f.Year == period.Year), period.Month, _catalog);
            checks.Add(new TargetCheck(unit.Id, unit.Name, rule.DefaultTargets.Select(t =>
            {
                var actual = ytd.GetValueOrDefault(t.Key);
                return new MetricProgress(t.Key, actual, t.Value, t.Value > 0 ? actual / t.Value : null);
            }).ToList()));
        }
        return checks;
    }

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
