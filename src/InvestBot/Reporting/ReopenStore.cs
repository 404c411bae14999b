using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Reporting;

/// <summary>Table "ReportingReopens": PartitionKey = month ("2023-03"), RowKey = unit id; Until = when it locks again.</summary>
public sealed class ReopenStore
{
    public const string Table = "ReportingReopens";
    private readonly ITableProvider _tables;

    public ReopenStore(ITableProvider tables) => _tables = tables;

    public async Task ReopenAsync(ReportingMonth month, string unitId, DateTimeOffset until, string by, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        await table.UpsertEntityAsync(new TableEntity(month.Key, TableKeys.Require(unitId))
        {
            ["Until"] = until,
            ["ReopenedBy"] = by,
        }, TableUpdateMode.Replace, ct);
    }

    /// <summary>The units of the month whose reopening has not expired at <paramref name="now"/> (one query for the whole month).</summary>
    public async Task<IReadOnlySet<string>> ReopenedUnitsAsync(ReportingMonth month, DateTimeOffset now, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var units = new HashSet<string>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {month.Key}"), cancellationToken: ct))
            if (e.GetDateTimeOffset("Until") is { } until && now < until) units.Add(e.RowKey);
        return units;
    }

    public async Task<bool> IsReopenedAsync(ReportingMonth month, string unitId, DateTimeOffset now, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(month.Key, TableKeys.Require(unitId), cancellationToken: ct);
        return e.HasValue && e.Value!.GetDateTimeOffset("Until") is { } until && now < until;
    }
}
