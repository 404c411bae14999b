using Azure;
using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Announcements;

/// <summary>
/// Which delivery workers are alive, so Teams' per-bot limit can be split among them (<see cref="SendPacer.ShareAmong"/>).
/// Table "DeliveryWorkers": PartitionKey "worker", RowKey = instance id, LastSeen. A worker counts as alive while its
/// heartbeat is fresh; rows of long-dead instances are removed by whoever notices them.
/// </summary>
public sealed class WorkerRegistry(ITableProvider tables, TimeProvider time)
{
    public const string Table = "DeliveryWorkers";
    private const string Partition = "worker";

    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Records that this instance is alive and returns how many workers are (this one included).</summary>
    public async Task<int> HeartbeatAsync(TimeSpan staleAfter, CancellationToken ct)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(Partition, InstanceId) { ["LastSeen"] = now }, TableUpdateMode.Replace, ct);
        var alive = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
        {
            var lastSeen = row.GetDateTimeOffset("LastSeen") ?? DateTimeOffset.MinValue;
            if (row.RowKey == InstanceId || now - lastSeen <= staleAfter) alive++;
            else if (now - lastSeen > staleAfter * 20) await ForgetAsync(table, row, ct);
        }
        return Math.Max(1, alive);
    }

    /// <summary>On a clean stop: the others take over the whole limit at their next heartbeat.</summary>
    public async Task LeaveAsync(CancellationToken ct)
    {
        var table = await tables.GetTableAsync(Table, ct);
        await table.DeleteEntityAsync(Partition, InstanceId, ETag.All, ct);
    }

    private static async Task ForgetAsync(TableClient table, TableEntity row, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Another instance removed it first, or it came back to life.
        }
    }
}
