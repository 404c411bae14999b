namespace InvestBot.Reporting;

/// <summary>The ranking capability's read side, over the reporting tables (monthly figures, opening balances, targets).</summary>
public sealed class MonthlyFiguresReader(MonthlyFiguresStore figures, OpeningBalanceStore openings, AnnualTargetStore targets) : IMonthlyFiguresReader
{
    public async Task<IReadOnlyList<UnitMonthFigures>> GetMonthAsync(int year, int month, CancellationToken ct = default)
    {
        var savedTask = figures.ListMonthAsync(new ReportingMonth(year, month), ct);
        var balancesTask = openings.ListYearAsync(year, ct);
        await Task.WhenAll(savedTask, balancesTask);
        var balances = balancesTask.Result;
        // A month inside a unit's balance is part of the balance, whatever was saved for it.
        var inBalance = balances.Where(b => b.ThroughMonth >= month).Select(b => b.UnitId).ToHashSet();
        return savedTask.Result.Where(f => !inBalance.Contains(f.UnitId))
            .Select(f => new UnitMonthFigures(f.UnitId, year, month, f.Values, f.Late, f.SubmittedAt))
            .Concat(balances.Where(b => b.ThroughMonth == month)
                .Select(b => new UnitMonthFigures(b.UnitId, year, month, b.Values, false, b.UpdatedAt) { IsOpeningBalance = true }))
            .ToList();
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>> GetAnnualTargetsAsync(int year, CancellationToken ct = default) =>
        targets.GetYearAsync(year, ct);
}
