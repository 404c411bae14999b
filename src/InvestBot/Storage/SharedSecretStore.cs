using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace InvestBot.Storage;

/// <summary>
/// Random keys every bot instance must agree on (the export links' HMAC key) when the configuration gives none.
/// Table "SharedSecrets": PartitionKey "secret", RowKey = name, Value = base64 key. The first instance to add the row
/// wins; the others read it, so links made by one instance open on every other one. The storage account already
/// holds all the figures, so keeping the key there adds no new party that can read it.
/// </summary>
public sealed class SharedSecretStore
{
    public const string Table = "SharedSecrets";
    private const string Partition = "secret";
    private readonly ITableProvider _tables;

    public SharedSecretStore(ITableProvider tables) => _tables = tables;

    public async Task<byte[]> GetOrCreateAsync(string name, int bytes, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var key = TableKeys.Require(name);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: ct);
        if (existing.HasValue) return Convert.FromBase64String(existing.Value!.GetString("Value"));
        var created = RandomNumberGenerator.GetBytes(bytes);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, key) { ["Value"] = Convert.ToBase64String(created) }, ct);
            return created;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another instance created it between our read and our add: use theirs.
            var theirs = await table.GetEntityAsync<TableEntity>(Partition, key, cancellationToken: ct);
            return Convert.FromBase64String(theirs.Value.GetString("Value"));
        }
    }
}
