using Azure;
using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Access;

/// <summary>A reporter bound to the one unit they report for.</summary>
public sealed record UnitBinding(string UserId, string? UserName, string UnitId, string BoundBy, DateTimeOffset BoundAt);

/// <summary>Reporter ↔ unit bindings. A user is bound to at most one unit.</summary>
public interface IUnitBindingStore
{
    Task<UnitBinding?> GetAsync(string userId, CancellationToken ct = default);
    Task SetAsync(UnitBinding binding, CancellationToken ct = default);
    /// <summary>Returns false when the user had no binding.</summary>
    Task<bool> RemoveAsync(string userId, CancellationToken ct = default);
    Task<IReadOnlyList<UnitBinding>> ListAsync(CancellationToken ct = default);
}

public sealed class TableUnitBindingStore : IUnitBindingStore
{
    private const string Table = "UnitBindings";
    private const string Partition = "binding";
    private readonly ITableProvider _tables;

    public TableUnitBindingStore(ITableProvider tables) => _tables = tables;

    public async Task<UnitBinding?> GetAsync(string userId, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Encode(userId), cancellationToken: ct);
        return e.HasValue ? FromEntity(e.Value!) : null;
    }

    public async Task SetAsync(UnitBinding binding, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        await table.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Encode(binding.UserId))
        {
            [nameof(UnitBinding.UserId)] = binding.UserId,
            [nameof(UnitBinding.UserName)] = binding.UserName,
            [nameof(UnitBinding.UnitId)] = binding.UnitId,
            [nameof(UnitBinding.BoundBy)] = binding.BoundBy,
            [nameof(UnitBinding.BoundAt)] = binding.BoundAt,
        }, TableUpdateMode.Replace, ct);
    }

    public async Task<bool> RemoveAsync(string userId, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        try
        {
            await table.DeleteEntityAsync(Partition, TableKeys.Encode(userId), ETag.All, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<UnitBinding>> ListAsync(CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var list = new List<UnitBinding>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
            list.Add(FromEntity(e));
        return list;
    }

    private static UnitBinding FromEntity(TableEntity e) => new(
        e.GetString(nameof(UnitBinding.UserId)),
        e.GetString(nameof(UnitBinding.UserName)),
        e.GetString(nameof(UnitBinding.UnitId)),
        e.GetString(nameof(UnitBinding.BoundBy)),
        e.GetDateTimeOffset(nameof(UnitBinding.BoundAt)) ?? DateTimeOffset.MinValue);
}
