namespace InvestBot.Reporting;

/// <summary>The ranking capability's read side, over the reporting tables.</summary>
public sealed class MonthlyFiguresReader : IMonthlyFiguresReader
{
    private readonly MonthlyFiguresStore _figures;
    private readonly AnnualTargetStore _targets;

    public MonthlyFiguresReader(MonthlyFiguresStore figures, AnnualTargetStore targets)
    {
        _figures = figures;
        _targets = targets;
    }

    public async Task<IReadOnlyList<UnitMonthFigures>> GetMonthAsync(int year, int month, CancellationToken ct = default)
    {
        var saved = await _figures.ListMonthAsync(new ReportingMonth(year, month), ct);
        return saved.Select(f => new UnitMonthFigures(f.UnitId, year, month, f.Values, f.Late, f.SubmittedAt)).ToList();
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>> GetAnnualTargetsAsync(int year, CancellationToken ct = default) =>
        _targets.GetYearAsync(year, ct);
}
