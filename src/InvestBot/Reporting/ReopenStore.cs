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

    public async Task<bool> IsReopenedAsync(ReportingMonth month, string unitId, DateTimeOffset now, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(month.Key, TableKeys.Require(unitId), cancellationToken: ct);
        return e.HasValue && e.Value!.GetDateTimeOffset("Until") is { } until && now < until;
    }
}
