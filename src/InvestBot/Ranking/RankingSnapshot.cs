namespace InvestBot.Ranking;

public static class RankingSnapshot
{
    /// <summary>Keeps only the key figures of each unit: what the announcement shows, small enough to store with it.</summary>
    public static RankingResult ForPublication(RankingResult result) => result with
    {
        Categories = result.Categories.Select(c => c with
        {
            Units = c.Units.Select(u => u with { Metrics = u.Metrics.Where(m => c.KeyFigures.Contains(m.MetricId)).ToList() }).ToList(),
        }).ToList(),
    };
}
