using System.Collections.Concurrent;
using Azure.Data.Tables;
using InvestBot.Common;
using Microsoft.Extensions.Options;

namespace InvestBot.Storage;

/// <summary>
/// Hands out <see cref="TableClient"/>s by logical name, creating each table once per process.
/// The configured prefix keeps environments (and every test) apart in one storage account.
/// </summary>
public interface ITableProvider
{
    Task<TableClient> GetTableAsync(string logicalName, CancellationToken ct = default);
}

public sealed class TableProvider(TableServiceClient service, string prefix) : ITableProvider
{
    private readonly string _prefix = TableNames.ValidatePrefix(prefix);
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    public TableProvider(IOptions<InvestBotOptions> options)
        : this(new TableServiceClient(options.Value.EffectiveConnectionString, ClientOptions()), options.Value.TablePrefix) { }

    public TableServiceClient Service => service;

    public Task<TableClient> GetTableAsync(string logicalName, CancellationToken ct = default)
    {
        var lazy = _tables.GetOrAdd(logicalName, name => new Lazy<Task<TableClient>>(() => CreateAsync(name)));
        var task = lazy.Value;
        // A failed creation (storage down) must not be cached forever.
        if (task.IsFaulted || task.IsCanceled) _tables.TryRemove(new(logicalName, lazy));
        return task.WaitAsync(ct);
    }

    private async Task<TableClient> CreateAsync(string logicalName)
    {
        var client = service.GetTableClient(TableNames.Physical(_prefix, logicalName));
        try
        {
            await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        }
        catch
        {
            _tables.TryRemove(logicalName, out _);
            throw;
        }
        return client;
    }

    internal static TableClientOptions ClientOptions()
    {
        var o = new TableClientOptions();
        // Fail fast: a user is waiting in Teams, and /healthz must answer quickly when storage is gone.
        o.Retry.MaxRetries = 2;
        o.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        // Inside a user's turn every call also keeps to the turn's storage deadline (see StorageTurn).
        o.AddPolicy(new StorageTurnPolicy(), Azure.Core.HttpPipelinePosition.PerCall);
        return o;
    }
}

public static class TableNames
{
    /// <summary>Table names are alphanumeric, start with a letter, 3–63 characters.</summary>
    public static string Physical(string prefix, string logicalName)
    {
        var name = prefix + logicalName;
        if (name.Length is < 3 or > 63 || !char.IsAsciiLetter(name[0]) || !name.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"Invalid table name '{name}'.", nameof(logicalName));
        return name;
    }

    public static string ValidatePrefix(string? prefix)
    {
        prefix ??= "";
        if (prefix.Length > 0 && (!char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit)))
            throw new ArgumentException("TablePrefix must be letters and digits, starting with a letter.");
        return prefix;
    }
}
