namespace InvestBot.Ranking;

public static class RankingSnapshot
{
    /// <summary>
    /// Keeps each unit's weighted metrics and key figures (the 招商引资情况通报表 lists every weighted metric's 当月 / 累计 /
    /// 目标 / 完成率, built from this snapshot alone so a later download shows what was published).
    /// </summary>
    public static RankingResult ForPublication(RankingResult result) => result with
    {
        Categories = result.Categories.Select(c => c with
        {
            Units = c.Units.Select(u => u with
            {
                Metrics = u.Metrics.Where(m => c.KeyFigures.Contains(m.MetricId) || c.Weights.Any(w => w.MetricId == m.MetricId)).ToList(),
            }).ToList(),
        }).ToList(),
    };
}
