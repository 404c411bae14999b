using Azure;
using Azure.Data.Tables;
namespace InvestBot.Storage;

/// <summary>
/// Runs a scheduled job once across bot instances (the reminders, the automatic ranking publication).
/// Table "JobLeases": PartitionKey = job name, RowKey = occurrence ("202304030900"). The first instance to add the
/// row runs that occurrence; the others see 409 and skip. A claim whose lease ran out without completing (the
/// instance died) can be taken over with an ETag-conditional update, so exactly one instance wins that too.
/// </summary>
public sealed class JobLeaseStore
{
    public const string Table = "JobLeases";
    private readonly ITableProvider _tables;
    private readonly TimeProvider _time;

    public JobLeaseStore(ITableProvider tables, TimeProvider time)
    {
        _tables = tables;
        _time = time;
    }

    public async Task<bool> TryClaimAsync(string job, string occurrence, string owner, TimeSpan lease, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var now = _time.GetUtcNow();
        var entity = new TableEntity(TableKeys.Require(job), TableKeys.Require(occurrence))
        {
            ["Owner"] = owner,
            ["LeaseUntil"] = now + lease,
            ["Completed"] = false,
        };
        try
        {
            await table.AddEntityAsync(entity, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
        var existing = (await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: ct)).Value;
        if (existing.GetBoolean("Completed") == true || existing.GetDateTimeOffset("LeaseUntil") > now) return false;
        try
        {
            await table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task CompleteAsync(string job, string occurrence, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        await table.UpdateEntityAsync(new TableEntity(job, occurrence) { ["Completed"] = true, ["CompletedAt"] = _time.GetUtcNow() },
            ETag.All, TableUpdateMode.Merge, ct);
    }
}
