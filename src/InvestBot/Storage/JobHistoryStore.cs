using Azure;
using Azure.Data.Tables;

namespace InvestBot.Storage;

/// <summary>The newest occurrence of a scheduled job that was dealt with, and how.</summary>
public sealed record JobHistoryEntry(string Job, DateTimeOffset Occurrence, string Outcome, string? By);

/// <summary>
/// The last occurrence each scheduled job handled, so an instance starting up knows what it missed.
/// Table "JobHistory": PartitionKey = job name, RowKey "last". The record only moves forward (ETag-conditional), so
/// instances recording concurrently keep the newest. Outcomes: "Ran", "Skipped" (too late to catch up), "Started"
/// (the first start of a job with no history: nothing before it counts as missed).
/// </summary>
public sealed class JobHistoryStore(ITableProvider tables, TimeProvider time)
{
    public const string Table = "JobHistory";
    private const string Row = "last";

    public async Task<JobHistoryEntry?> GetAsync(string job, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Require(job), Row, cancellationToken: ct);
        return e.HasValue ? FromEntity(e.Value!) : null;
    }

    /// <summary>Records <paramref name="occurrence"/> unless a newer one is already recorded; returns what is recorded now.</summary>
    public async Task<JobHistoryEntry> RecordAsync(string job, DateTimeOffset occurrence, string outcome, string by, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var entity = new TableEntity(TableKeys.Require(job), Row)
        {
            ["Occurrence"] = occurrence, ["Outcome"] = outcome, ["By"] = by, ["RecordedAt"] = time.GetUtcNow(),
        };
        for (var attempt = 0; ; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, Row, cancellationToken: ct);
            try
            {
                if (!existing.HasValue)
                {
                    await table.AddEntityAsync(entity, ct);
                    return FromEntity(entity);
                }
                var current = FromEntity(existing.Value!);
                if (current.Occurrence >= occurrence) return current;
                await table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, ct);
                return FromEntity(entity);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 5)
            {
                // Another instance recorded in between: read again and compare.
            }
        }
    }

    private static JobHistoryEntry FromEntity(TableEntity e) =>
        new(e.PartitionKey, e.GetDateTimeOffset("Occurrence") ?? DateTimeOffset.MinValue, e.GetString("Outcome") ?? "", e.GetString("By"));
}
