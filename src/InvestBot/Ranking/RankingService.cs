using InvestBot.Organization;
using InvestBot.Reporting;

namespace InvestBot.Ranking;

/// <summary>Gathers the year's figures and targets from reporting and the units from the directory, then scores.</summary>
public sealed class RankingService
{
    private readonly IMonthlyFiguresReader _figures;
    private readonly UnitDirectory _units;
    private readonly RankingCalculator _calculator;

    public RankingService(IMonthlyFiguresReader figures, UnitDirectory units, RankingCalculator calculator)
    {
        _figures = figures;
        _units = units;
        _calculator = calculator;
    }

    public async Task<RankingResult> ComputeAsync(RankingPeriod period, CancellationToken ct = default)
    {
        var months = new List<UnitMonthFigures>();
        for (var m = 1; m <= period.Month; m++)
            months.AddRange(await _figures.GetMonthAsync(period.Year, m, ct));
        var targets = await _figures.GetAnnualTargetsAsync(period.Year, ct);
        return _calculator.Compute(period, RankableUnits(_units), months, targets);
    }

    /// <summary>Units that report and whose kind has a ranking category (companies and the office itself are not ranked).</summary>
    public static IReadOnlyList<RankableUnit> RankableUnits(UnitDirectory directory) =>
        directory.Units
            .Where(u => u.Reports && directory.KindOf(u).RankingCategory is not null)
            .Select(u => new RankableUnit(u.Id, u.Name, directory.KindOf(u).RankingCategory!))
            .ToList();
}
