using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace InvestBot.Storage;

/// <summary>
/// The write every editable record uses (monthly figures, opening balances, key projects): the current row replaced with
/// If-Match on the ETag that was read (added when there was none) and an append-only history row, in one transaction.
/// A read that is out of date by the time of the write loses as a whole: nothing is written, never a lost update.
/// </summary>
public static class RevisionedRows
{
    /// <summary>RowKeys of a record's history rows start with this, so one range query lists them in order.</summary>
    public static string HistoryPrefix(string recordKey) => recordKey + "~rev~";

    public static string HistoryKey(string recordKey, int revision) =>
        HistoryPrefix(recordKey) + revision.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Replace the current row if it still has <paramref name="readETag"/>; add it when nothing was read.</summary>
    public static TableTransactionAction WriteCurrent(TableEntity current, ETag? readETag) => readETag is { } etag
        ? new(TableTransactionActionType.UpdateReplace, current, etag)
        : new(TableTransactionActionType.Add, current);

    /// <summary>Submits the change; false when another write landed first (409/412, or 404 when a row read is gone).</summary>
    public static async Task<bool> TrySubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken ct)
    {
        try
        {
            await table.SubmitTransactionAsync(actions, ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Figures by metric id, as stored in a string column.</summary>
    public static string ToJson(IReadOnlyDictionary<string, decimal> values) => JsonSerializer.Serialize(values);

    public static IReadOnlyDictionary<string, decimal> FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, decimal>() : JsonSerializer.Deserialize<Dictionary<string, decimal>>(json)!;
}
