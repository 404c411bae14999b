namespace InvestBot.Reporting;

/// <summary>What one unit saved for one month (the current revision).</summary>
public sealed record UnitMonthFigures(
    string UnitId, int Year, int Month, IReadOnlyDictionary<string, decimal> Values, bool Late, DateTimeOffset SubmittedAt);

/// <summary>
/// Read side of monthly reporting, used by ranking. Implemented over Table Storage by the reporting capability.
/// </summary>
public interface IMonthlyFiguresReader
{
    /// <summary>Every unit's saved figures for the month; units that have not submitted are absent.</summary>
    Task<IReadOnlyList<UnitMonthFigures>> GetMonthAsync(int year, int month, CancellationToken ct = default);

    /// <summary>Annual targets entered by admins: unit id → metric id → target for the year.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>> GetAnnualTargetsAsync(int year, CancellationToken ct = default);
}
