using InvestBot.Reporting;

namespace InvestBot.Tests.Ranking;

/// <summary>
/// Test double of the reporting capability's read contract (owned by another capability). Ranking's own storage
/// is always real Azurite; only the figures it consumes are supplied here.
/// </summary>
public sealed class FakeFiguresReader : IMonthlyFiguresReader
{
    private readonly List<UnitMonthFigures> _figures = new();
    private readonly Dictionary<string, Dictionary<string, decimal>> _targets = new();

    public FakeFiguresReader Submit(string unitId, int year, int month, params (string Metric, decimal Value)[] values)
    {
        _figures.RemoveAll(f => f.UnitId == unitId && f.Year == year && f.Month == month);
        _figures.Add(new UnitMonthFigures(unitId, year, month, values.ToDictionary(v => v.Metric, v => v.Value), false,
            new DateTimeOffset(year, month, 28, 0, 0, 0, TimeSpan.FromHours(8))));
        return this;
    }

    public FakeFiguresReader Target(string unitId, params (string Metric, decimal Value)[] values)
    {
        var t = _targets.TryGetValue(unitId, out var existing) ? existing : _targets[unitId] = new();
        foreach (var (metric, value) in values) t[metric] = value;
        return this;
    }

    public IReadOnlyList<UnitMonthFigures> All => _figures;

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> Targets =>
        _targets.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, decimal>)p.Value);

    public Task<IReadOnlyList<UnitMonthFigures>> GetMonthAsync(int year, int month, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<UnitMonthFigures>>(_figures.Where(f => f.Year == year && f.Month == month).ToList());

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>> GetAnnualTargetsAsync(int year, CancellationToken ct = default) =>
        Task.FromResult(Targets);
}
