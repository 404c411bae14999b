using InvestBot.Reporting;

namespace InvestBot.Ranking;

/// <summary>One way to climb: raising one metric's year-to-date by <paramref name="Increase"/> (in its unit) is enough on its own.</summary>
public sealed record MetricStep(string MetricId, decimal Increase);

/// <summary>
/// What it takes for a unit to pass the unit ranked just above it in its category, from the scoring rule
/// (score = Σ wᵢ·min(actualᵢ/targetᵢ, cap) / Σ wᵢ × 100): for each weighted metric with a target, the increase of its
/// year-to-date that alone closes the gap (none when the cap stops it first). Reason is set when nothing can be said.
/// </summary>
public sealed record NextRankAdvice(string Category, RankedUnit Unit, int Units, RankedUnit? Above, decimal? Gap, IReadOnlyList<MetricStep> Steps, string? Reason)
{
    /// <summary>Scores are shown to two decimals; aim a little above the gap so the new score is higher, not level.</summary>
    private const decimal Margin = 0.02m;

    /// <summary>
    /// From a published ranking: the standing, the unit above and the gap are as published (other units are never shown
    /// from figures not yet published); the metrics behind the steps are the unit's own (<paramref name="own"/>: its live
    /// row for the same period), since the published snapshot keeps only the key figures.
    /// </summary>
    public static NextRankAdvice? ForPublished(RankingResult published, RankedUnit? own, string unitId, RankingRules rules, MetricCatalog catalog)
    {
        var withOwn = own is null ? published : published with
        {
            Categories = published.Categories.Select(c => c with
            {
                Units = c.Units.Select(u => u.UnitId == unitId ? u with { Metrics = own.Metrics } : u).ToList(),
            }).ToList(),
        };
        return For(withOwn, unitId, rules, catalog);
    }

    /// <returns>Null when the unit is not in the ranking (its kind is not ranked).</returns>
    public static NextRankAdvice? For(RankingResult ranking, string unitId, RankingRules rules, MetricCatalog catalog)
    {
        if (ranking.CategoryOf(unitId) is not { } category || ranking.Find(unitId) is not { } me) return null;
        NextRankAdvice Say(string reason) => new(category.Category, me, category.Units.Count, null, null, [], reason);
        if (!me.Submitted) return Say($"{ranking.Period.Label}数据尚未提交，暂不计分排名。");
        if (me.Score is not { } score) return Say("尚未设年度目标，无法计分排名。");
        var above = category.Units.Where(u => u.Score is not null && u.Rank < me.Rank).OrderByDescending(u => u.Rank).FirstOrDefault();
        if (above is null) return Say($"已是{category.Category}第 1 名。");
        var need = above.Score!.Value - score + Margin;
        var rule = rules.For(category.Category)!;
        var counted = rule.Weights.Where(w => me.Metric(w.Key)?.Completion is not null).ToList();
        var total = counted.Sum(w => w.Value);
        var steps = new List<MetricStep>();
        foreach (var (metricId, weight) in counted)
        {
            var m = me.Metric(metricId)!;
            var room = rules.CompletionCap.Value - Math.Min(m.Completion!.Value, rules.CompletionCap.Value);
            var share = weight / total * 100;
            if (share * room < need) continue; // the cap stops this metric before the gap closes
            var increase = need / share * m.Target!.Value;
            var decimals = Math.Max(catalog.Find(metricId)?.Decimals ?? 0, 0);
            var factor = (decimal)Math.Pow(10, decimals);
            steps.Add(new MetricStep(metricId, Math.Ceiling(increase * factor) / factor));
        }
        return new NextRankAdvice(category.Category, me, category.Units.Count, above, above.Score.Value - score, steps,
            steps.Count == 0 ? "单靠任何一项都无法追上（各项完成率已接近上限），需要多项共同提高。" : null);
    }
}
