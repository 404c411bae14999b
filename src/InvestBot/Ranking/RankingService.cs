using InvestBot.Organization;
using InvestBot.Reporting;

namespace InvestBot.Ranking;

/// <summary>Gathers the year's figures and targets from reporting and the units from the directory, then scores.</summary>
/// <param name="readers">The reporting capability registers the reader; taken as a sequence so the bot still starts
/// (and only ranking fails, with a clear message) when it is missing. The last registration wins, as with GetService.</param>
public sealed class RankingService(IEnumerable<IMonthlyFiguresReader> readers, UnitDirectory units, RankingCalculator calculator)
{
    public async Task<RankingResult> ComputeAsync(RankingPeriod period, CancellationToken ct = default)
    {
        var figures = readers.LastOrDefault() ?? throw new InvalidOperationException("IMonthlyFiguresReader is not registered (reporting module missing)");
        var months = new List<UnitMonthFigures>();
        for (var m = 1; m <= period.Month; m++)
            months.AddRange(await figures.GetMonthAsync(period.Year, m, ct));
        var targets = await figures.GetAnnualTargetsAsync(period.Year, ct);
        return calculator.Compute(period, RankableUnits(units), months, targets) with
        {
            Coverage = MonthCoverage.ForRanking(months, period.Year, period.Month),
        };
    }

    /// <summary>Units that report and whose kind has a ranking category (companies and the office itself are not ranked).</summary>
    public static IReadOnlyList<RankableUnit> RankableUnits(UnitDirectory directory) =>
        directory.Units
            .Where(u => u.Reports && directory.KindOf(u).RankingCategory is not null)
            .Select(u => new RankableUnit(u.Id, u.Name, directory.KindOf(u).RankingCategory!, u.Kind))
            .ToList();
}
