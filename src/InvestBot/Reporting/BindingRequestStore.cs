using Azure;
using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Reporting;

/// <summary>A user's pending request to report for a unit.</summary>
/// <param name="NotifiedAt">When the admins were last sent an approval card for it (the request time unless it was updated since).</param>
public sealed record BindingRequest(string UserId, string? UserName, string UnitId, DateTimeOffset RequestedAt, DateTimeOffset? NotifiedAt = null)
{
    public DateTimeOffset CardsSentAt => NotifiedAt ?? RequestedAt;
}

/// <summary>
/// Table "BindingRequests": PartitionKey = "request", RowKey = encoded user id (one pending request per user).
/// Deciding deletes the row with If-Match, so two admins pressing at once decide only once.
/// </summary>
public sealed class BindingRequestStore
{
    public const string Table = "BindingRequests";
    private const string Partition = "request";
    private readonly ITableProvider _tables;

    public BindingRequestStore(ITableProvider tables) => _tables = tables;

    public async Task PutAsync(BindingRequest request, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        await table.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Encode(request.UserId))
        {
            ["UserId"] = request.UserId,
            ["UserName"] = request.UserName,
            ["UnitId"] = request.UnitId,
            ["RequestedAt"] = request.RequestedAt,
            ["NotifiedAt"] = request.CardsSentAt,
        }, TableUpdateMode.Replace, ct);
    }

    public async Task<BindingRequest?> GetAsync(string userId, CancellationToken ct = default) =>
        (await GetWithETagAsync(userId, ct))?.Request;

    public async Task<IReadOnlyList<BindingRequest>> ListAsync(CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var list = new List<BindingRequest>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
            if (e.GetBoolean("Decided") != true) list.Add(FromEntity(e));
        return list.OrderBy(r => r.RequestedAt).ToList();
    }

    /// <summary>
    /// Removes the user's request if it is still the one for <paramref name="unitId"/>; returns it, or null when
    /// it was already decided, withdrawn or replaced by a request for another unit.
    /// </summary>
    public async Task<BindingRequest?> TakeAsync(string userId, string unitId, CancellationToken ct = default)
    {
        var found = await GetWithETagAsync(userId, ct);
        if (found is null || found.Value.Request.UnitId != unitId) return null;
        var table = await _tables.GetTableAsync(Table, ct);
        try
        {
            // Claim it with a conditional update first: only one ETag-matching write can win, whereas concurrent
            // conditional deletes are not reliably serialized by the storage emulator.
            await table.UpdateEntityAsync(new TableEntity(Partition, TableKeys.Encode(userId)) { ["Decided"] = true },
                found.Value.ETag, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
        await table.DeleteEntityAsync(Partition, TableKeys.Encode(userId), ETag.All, ct);
        return found.Value.Request;
    }

    private async Task<(BindingRequest Request, ETag ETag)?> GetWithETagAsync(string userId, CancellationToken ct)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Encode(userId), cancellationToken: ct);
        return e.HasValue && e.Value!.GetBoolean("Decided") != true ? (FromEntity(e.Value!), e.Value!.ETag) : null;
    }

    private static BindingRequest FromEntity(TableEntity e) => new(
        e.GetString("UserId"), e.GetString("UserName"), e.GetString("UnitId"), e.GetDateTimeOffset("RequestedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("NotifiedAt"));
}
