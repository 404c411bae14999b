using System.Globalization;
using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Reporting;

/// <summary>
/// 期初累计: a unit's year-to-date totals from January to <paramref name="ThroughMonth"/>, entered by an admin for the
/// months before the unit reported through InvestBot. ThroughMonth 0 means none (an admin cleared it).
/// </summary>
public sealed record OpeningBalance(string UnitId, int Year, int ThroughMonth, IReadOnlyDictionary<string, decimal> Values, int Revision,
    string UpdatedBy, string? UpdatedByName, DateTimeOffset UpdatedAt)
{
    public bool IsSet => ThroughMonth > 0;

    /// <summary>The month is inside the balance: it is not reported month by month.</summary>
    public bool Covers(ReportingMonth month) => IsSet && month.Year == Year && month.Month <= ThroughMonth;

    /// <summary>"1—5月" (or "1月").</summary>
    public string MonthsLabel => MonthsText(ThroughMonth);

    public static string MonthsText(int throughMonth) => throughMonth == 1 ? "1月" : $"1—{throughMonth}月";
}

/// <summary>One append-only history row of a balance: what it was, what it became, who changed it and when.</summary>
public sealed record OpeningBalanceRevision(int Revision, int? ThroughMonthBefore, IReadOnlyDictionary<string, decimal>? Before,
    int ThroughMonth, IReadOnlyDictionary<string, decimal> After, string By, DateTimeOffset At);

/// <param name="ExpectedRevision">The revision the card showed (0: none saved yet); a stale one is refused.</param>
public sealed record OpeningBalanceChange(string UnitId, int Year, int ThroughMonth, IReadOnlyDictionary<string, decimal> Values,
    int ExpectedRevision, string By, string? ByName);

public abstract record OpeningSaveOutcome
{
    public sealed record Saved(OpeningBalance Balance) : OpeningSaveOutcome;
    /// <summary>Someone saved in between (a second press, another admin): nothing was written.</summary>
    public sealed record Stale(OpeningBalance? Current) : OpeningSaveOutcome;
}

/// <summary>
/// Table "OpeningBalances": PartitionKey = year ("2026"); RowKey = unit id (the current balance, replaced with If-Match
/// on its ETag, added the first time) and "{unitId}~rev~000001" (history: before and after, who, when; only added).
/// Both rows of a change are written in one transaction, as for the monthly figures: never a lost update.
/// </summary>
public sealed class OpeningBalanceStore(ITableProvider tables, TimeProvider time)
{
    public const string Table = "OpeningBalances";
    private const string Current = "current";
    private const string History = "revision";

    public async Task<OpeningBalance?> GetAsync(int year, string unitId, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(YearKey(year), TableKeys.Require(unitId), cancellationToken: ct);
        return e.HasValue ? ToBalance(e.Value!) : null;
    }

    /// <summary>Every unit's balance of the year that is set (cleared ones are left out).</summary>
    public async Task<IReadOnlyList<OpeningBalance>> ListYearAsync(int year, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var list = new List<OpeningBalance>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {YearKey(year)} and RowType eq {Current}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            if (ToBalance(e) is { IsSet: true } b) list.Add(b);
        return list;
    }

    /// <summary>Every change of one unit's balance, oldest first.</summary>
    public async Task<IReadOnlyList<OpeningBalanceRevision>> HistoryAsync(int year, string unitId, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var prefix = RevisionedRows.HistoryPrefix(unitId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {YearKey(year)} and RowKey gt {prefix} and RowKey lt {prefix + "~"} and RowType eq {History}");
        var list = new List<OpeningBalanceRevision>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            list.Add(new(e.GetInt32("Revision") ?? 0, e.GetInt32("ThroughMonthBefore"), e.GetString("Before") is { } b ? RevisionedRows.FromJson(b) : null,
                e.GetInt32("ThroughMonth") ?? 0, RevisionedRows.FromJson(e.GetString("After")), e.GetString("By"), e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));
        return list.OrderBy(r => r.Revision).ToList();
    }

    public async Task<OpeningSaveOutcome> SaveAsync(OpeningBalanceChange change, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var year = YearKey(change.Year);
        var unitKey = TableKeys.Require(change.UnitId);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(year, unitKey, cancellationToken: ct);
        var before = existing.HasValue ? ToBalance(existing.Value!) : null;
        if ((before?.Revision ?? 0) != change.ExpectedRevision) return new OpeningSaveOutcome.Stale(before);

        var now = time.GetUtcNow();
        var revision = change.ExpectedRevision + 1;
        var current = new TableEntity(year, unitKey)
        {
            ["RowType"] = Current,
            ["UnitId"] = change.UnitId,
            ["ThroughMonth"] = change.ThroughMonth,
            ["Values"] = RevisionedRows.ToJson(change.Values),
            ["Revision"] = revision,
            ["UpdatedBy"] = change.By,
            ["UpdatedByName"] = change.ByName,
            ["UpdatedAt"] = now,
        };
        var history = new TableEntity(year, RevisionedRows.HistoryKey(change.UnitId, revision))
        {
            ["RowType"] = History,
            ["UnitId"] = change.UnitId,
            ["Revision"] = revision,
            ["ThroughMonthBefore"] = before?.ThroughMonth,
            ["Before"] = before is null ? null : RevisionedRows.ToJson(before.Values),
            ["ThroughMonth"] = change.ThroughMonth,
            ["After"] = RevisionedRows.ToJson(change.Values),
            ["By"] = change.By,
            ["ByName"] = change.ByName,
            ["At"] = now,
        };
        if (await RevisionedRows.TrySubmitAsync(table,
                [RevisionedRows.WriteCurrent(current, existing.HasValue ? existing.Value!.ETag : null), new(TableTransactionActionType.Add, history)], ct))
            return new OpeningSaveOutcome.Saved(new OpeningBalance(change.UnitId, change.Year, change.ThroughMonth, change.Values, revision,
                change.By, change.ByName, now));
        return new OpeningSaveOutcome.Stale(await GetAsync(change.Year, change.UnitId, ct));
    }

    private static string YearKey(int year) => year.ToString("D4", CultureInfo.InvariantCulture);


    private static OpeningBalance ToBalance(TableEntity e) => new(
        e.GetString("UnitId"),
        int.Parse(e.PartitionKey, CultureInfo.InvariantCulture),
        e.GetInt32("ThroughMonth") ?? 0,
        RevisionedRows.FromJson(e.GetString("Values")),
        e.GetInt32("Revision") ?? 0,
        e.GetString("UpdatedBy"),
        e.GetString("UpdatedByName"),
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
}
