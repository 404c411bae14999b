namespace InvestBot.Reporting;

/// <summary>What one unit saved for one month (the current revision).</summary>
public sealed record UnitMonthFigures(
    string UnitId, int Year, int Month, IReadOnlyDictionary<string, decimal> Values, bool Late, DateTimeOffset SubmittedAt)
{
    /// <summary>The unit's 期初累计: the year-to-date of January to <see cref="Month"/>, entered by an admin in one row.</summary>
    public bool IsOpeningBalance { get; init; }
}

/// <summary>
/// Read side of monthly reporting, used by ranking. Implemented over Table Storage by the reporting capability.
/// </summary>
public interface IMonthlyFiguresReader
{
    /// <summary>
    /// Every unit's saved figures for the month; units that have not submitted are absent. A unit's 期初累计 that runs to
    /// this month comes as its row for the month (<see cref="UnitMonthFigures.IsOpeningBalance"/>, values = January to this
    /// month); months inside a balance return no row for that unit, so summing the rows of January to any month never
    /// counts a month twice.
    /// </summary>
    Task<IReadOnlyList<UnitMonthFigures>> GetMonthAsync(int year, int month, CancellationToken ct = default);

    /// <summary>Annual targets entered by admins: unit id → metric id → target for the year.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>> GetAnnualTargetsAsync(int year, CancellationToken ct = default);
}
