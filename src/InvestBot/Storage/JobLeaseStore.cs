using Azure;
using Azure.Data.Tables;
namespace InvestBot.Storage;

public enum LeaseClaim { Won, Held, Completed }

/// <summary>
/// Runs a scheduled job once across bot instances (the reminders, the automatic ranking publication).
/// Table "JobLeases": PartitionKey = job name, RowKey = occurrence ("202304030900"). The first instance to add the
/// row runs that occurrence; the others see 409 and skip. A claim whose lease ran out without completing (the
/// instance died) can be taken over with an ETag-conditional update, so exactly one instance wins that too.
/// </summary>
public sealed class JobLeaseStore(ITableProvider tables, TimeProvider time)
{
    public const string Table = "JobLeases";

    public async Task<bool> TryClaimAsync(string job, string occurrence, string owner, TimeSpan lease, CancellationToken ct = default) =>
        await ClaimAsync(job, occurrence, owner, lease, ct) == LeaseClaim.Won;

    /// <summary>Won: this owner runs the occurrence. Held: another owner's lease is still running. Completed: it already ran.</summary>
    public async Task<LeaseClaim> ClaimAsync(string job, string occurrence, string owner, TimeSpan lease, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var now = time.GetUtcNow();
        var entity = new TableEntity(TableKeys.Require(job), TableKeys.Require(occurrence))
        {
            ["Owner"] = owner,
            ["LeaseUntil"] = now + lease,
            ["Completed"] = false,
        };
        try
        {
            await table.AddEntityAsync(entity, ct);
            return LeaseClaim.Won;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
        var existing = (await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: ct)).Value;
        if (existing.GetBoolean("Completed") == true) return LeaseClaim.Completed;
        if (existing.GetDateTimeOffset("LeaseUntil") > now) return LeaseClaim.Held;
        try
        {
            await table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, ct);
            return LeaseClaim.Won;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return LeaseClaim.Held;
        }
    }

    /// <summary>Gives up an unfinished claim at once (the run failed), so a retry need not wait for the lease to run out.</summary>
    public async Task ReleaseAsync(string job, string occurrence, string owner, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(job, occurrence, cancellationToken: ct);
        if (!existing.HasValue || existing.Value!.GetString("Owner") != owner || existing.Value.GetBoolean("Completed") == true) return;
        existing.Value["LeaseUntil"] = time.GetUtcNow();
        try
        {
            await table.UpdateEntityAsync(existing.Value, existing.Value.ETag, TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Taken over meanwhile: nothing left to release.
        }
    }

    public async Task CompleteAsync(string job, string occurrence, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        await table.UpdateEntityAsync(new TableEntity(job, occurrence) { ["Completed"] = true, ["CompletedAt"] = time.GetUtcNow() },
            ETag.All, TableUpdateMode.Merge, ct);
    }
}
