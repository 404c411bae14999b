using System.Globalization;
using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Reporting;

/// <summary>
/// Table "AnnualTargets": PartitionKey = year ("2023"), RowKey = unit id, one property "T_{metricId}" per metric
/// (decimal as invariant text). Merge-upserts, so setting one metric never erases another.
/// </summary>
public sealed class AnnualTargetStore
{
    public const string Table = "AnnualTargets";
    private const string Prefix = "T_";
    private readonly ITableProvider _tables;

    public AnnualTargetStore(ITableProvider tables) => _tables = tables;

    public async Task SetAsync(int year, string unitId, IReadOnlyDictionary<string, decimal> targets, string by, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = new TableEntity(YearKey(year), TableKeys.Require(unitId)) { ["UnitId"] = unitId, ["UpdatedBy"] = by };
        foreach (var (metric, value) in targets)
            e[Prefix + metric] = value.ToString(CultureInfo.InvariantCulture);
        await table.UpsertEntityAsync(e, TableUpdateMode.Merge, ct);
    }

    /// <summary>Many units at once (an import). Rows are independent upserts; the import validated them all first.</summary>
    public async Task SetManyAsync(int year, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> byUnit, string by, CancellationToken ct = default)
    {
        foreach (var (unit, targets) in byUnit)
            await SetAsync(year, unit, targets, by, ct);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>> GetYearAsync(int year, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var result = new Dictionary<string, IReadOnlyDictionary<string, decimal>>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {YearKey(year)}"), cancellationToken: ct))
            result[e.RowKey] = ReadTargets(e);
        return result;
    }

    public async Task<IReadOnlyDictionary<string, decimal>> GetUnitAsync(int year, string unitId, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(YearKey(year), TableKeys.Require(unitId), cancellationToken: ct);
        return e.HasValue ? ReadTargets(e.Value!) : new Dictionary<string, decimal>();
    }

    private static string YearKey(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    private static Dictionary<string, decimal> ReadTargets(TableEntity e) => e
        .Where(p => p.Key.StartsWith(Prefix, StringComparison.Ordinal) && p.Value is string)
        .ToDictionary(p => p.Key[Prefix.Length..], p => decimal.Parse((string)p.Value, CultureInfo.InvariantCulture));
}
