using Azure;
using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Reporting;

/// <summary>The current (latest) figures of one unit for one month.</summary>
public sealed record SavedFigures(string UnitId, ReportingMonth Month, IReadOnlyDictionary<string, decimal> Values, int Revision,
    bool Late, string SubmittedBy, string? SubmittedByName, DateTimeOffset SubmittedAt);

/// <summary>A unit's saved months of one year, oldest first, with the ETag each current row had when read.</summary>
public sealed class UnitYearFigures(IReadOnlyList<(SavedFigures Figures, ETag ETag)> rows)
{
    public IReadOnlyList<SavedFigures> Months { get; } = rows.Select(r => r.Figures).ToList();

    /// <summary>The month's figures and their row's ETag; null when nothing was saved for it.</summary>
    public (SavedFigures Figures, ETag ETag)? Month(ReportingMonth month) =>
        rows.Where(r => r.Figures.Month == month).Select(r => ((SavedFigures, ETag)?)r).FirstOrDefault();

    /// <summary>The months with <paramref name="figures"/> in place of its month (what the year looks like after a save).</summary>
    public IReadOnlyList<SavedFigures> With(SavedFigures figures) =>
        Months.Where(m => m.Month != figures.Month).Append(figures).OrderBy(m => m.Month).ToList();
}

/// <summary>One append-only history row: who changed what, when, from which values to which.</summary>
public sealed record FigureRevision(string UnitId, ReportingMonth Month, int Revision, IReadOnlyDictionary<string, decimal>? Before,
    IReadOnlyDictionary<string, decimal> After, string By, string? ByName, DateTimeOffset At, bool Late);

/// <param name="ExpectedRevision">The revision the form was based on (0: nothing saved yet). A stale one is rejected.</param>
public sealed record FigureSubmission(string UnitId, ReportingMonth Month, IReadOnlyDictionary<string, decimal> Values,
    int ExpectedRevision, string By, string? ByName, bool Late);

public abstract record SaveOutcome
{
    public sealed record Saved(SavedFigures Figures) : SaveOutcome;
    /// <summary>Someone saved in between (a second press, another reporter): nothing was written.</summary>
    public sealed record Stale(SavedFigures? Current) : SaveOutcome;
}

/// <summary>
/// Table "MonthlyFigures". PartitionKey = month ("2023-03"). Two kinds of rows share a partition so they can be
/// written in one atomic transaction:
///  - current figures: RowKey = unit id, replaced with If-Match on its ETag (added, never upserted, the first time);
///  - history: RowKey = "{unitId}~rev~{000001}", only ever added.
/// A concurrent or replayed write therefore fails as a whole: never two records, never a lost update.
/// </summary>
public sealed class MonthlyFiguresStore(ITableProvider tables, TimeProvider time)
{
    public const string Table = "MonthlyFigures";
    private const string Current = "current";
    private const string History = "revision";

    public async Task<SavedFigures?> GetAsync(ReportingMonth month, string unitId, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(month.Key, TableKeys.Require(unitId), cancellationToken: ct);
        return e.HasValue ? ToFigures(e.Value!) : null;
    }

    public async Task<IReadOnlyList<SavedFigures>> ListMonthAsync(ReportingMonth month, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {month.Key} and RowType eq {Current}");
        var list = new List<SavedFigures>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            list.Add(ToFigures(e));
        return list;
    }

    /// <summary>The unit's saved months of one year, oldest first.</summary>
    public async Task<IReadOnlyList<SavedFigures>> ListUnitYearAsync(string unitId, int year, CancellationToken ct = default) =>
        (await ReadUnitYearAsync(unitId, year, ct)).Months;

    /// <summary>
    /// The unit's saved months of one year with each row's ETag, in one query: a submit reads this once and uses it both
    /// as the concurrency check of its save and for the receipt's year-to-date totals.
    /// </summary>
    public async Task<UnitYearFigures> ReadUnitYearAsync(string unitId, int year, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var from = new ReportingMonth(year, 1).Key;
        var to = new ReportingMonth(year, 12).Key;
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey le {to} and RowKey eq {unitId}");
        var rows = new List<(SavedFigures, ETag)>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            rows.Add((ToFigures(e), e.ETag));
        return new UnitYearFigures(rows.OrderBy(r => r.Item1.Month).ToList());
    }

    /// <summary>Every unit's saved months of one year up to <paramref name="upToMonth"/> (one query), oldest first.</summary>
    public async Task<IReadOnlyList<SavedFigures>> ListYearAsync(int year, int upToMonth, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var from = new ReportingMonth(year, 1).Key;
        var to = new ReportingMonth(year, Math.Clamp(upToMonth, 1, 12)).Key;
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey le {to} and RowType eq {Current}");
        var list = new List<SavedFigures>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            list.Add(ToFigures(e));
        return list.OrderBy(f => f.Month).ToList();
    }

    public async Task<IReadOnlyList<FigureRevision>> HistoryAsync(ReportingMonth month, string unitId, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var prefix = RevisionedRows.HistoryPrefix(unitId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {month.Key} and RowKey gt {prefix} and RowKey lt {prefix + "~"} and RowType eq {History}");
        var list = new List<FigureRevision>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            list.Add(ToRevision(e));
        return list.OrderBy(r => r.Revision).ToList();
    }

    public async Task<SaveOutcome> SaveAsync(FigureSubmission s, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(s.Month.Key, TableKeys.Require(s.UnitId), cancellationToken: ct);
        return await SaveAsync(s, existing.HasValue ? (ToFigures(existing.Value!), existing.Value!.ETag) : null, ct);
    }

    /// <summary>
    /// Saves over what the caller read (the figures and the ETag of their row; null: nothing was saved). The write is
    /// conditional on that ETag (or on the row not existing), so a read that is out of date by now loses: nothing is
    /// written and the current figures are returned as <see cref="SaveOutcome.Stale"/>.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(FigureSubmission s, (SavedFigures Figures, ETag ETag)? read, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var unitKey = TableKeys.Require(s.UnitId);
        var before = read?.Figures;
        if ((before?.Revision ?? 0) != s.ExpectedRevision)
            return new SaveOutcome.Stale(before);

        var now = time.GetUtcNow();
        var revision = s.ExpectedRevision + 1;
        // The unit was late if its first submission was; a later correction keeps that status (history records each revision's own).
        var saved = new SavedFigures(s.UnitId, s.Month, s.Values, revision, before?.Late ?? s.Late, s.By, s.ByName, now);
        var current = new TableEntity(s.Month.Key, unitKey)
        {
            ["RowType"] = Current,
            ["UnitId"] = s.UnitId,
            ["Year"] = s.Month.Year,
            ["Month"] = s.Month.Month,
            ["Values"] = RevisionedRows.ToJson(s.Values),
            ["Revision"] = revision,
            ["Late"] = saved.Late,
            ["SubmittedBy"] = s.By,
            ["SubmittedByName"] = s.ByName,
            ["SubmittedAt"] = now,
        };
        var history = new TableEntity(s.Month.Key, RevisionedRows.HistoryKey(s.UnitId, revision))
        {
            ["RowType"] = History,
            ["UnitId"] = s.UnitId,
            ["Revision"] = revision,
            ["Before"] = before is null ? null : RevisionedRows.ToJson(before.Values),
            ["After"] = RevisionedRows.ToJson(s.Values),
            ["By"] = s.By,
            ["ByName"] = s.ByName,
            ["At"] = now,
            ["Late"] = s.Late,
        };
        if (await RevisionedRows.TrySubmitAsync(table,
                [RevisionedRows.WriteCurrent(current, read?.ETag), new(TableTransactionActionType.Add, history)], ct))
            return new SaveOutcome.Saved(saved);
        // Lost the race: someone else's revision landed first. Report what is stored now.
        return new SaveOutcome.Stale(await GetAsync(s.Month, s.UnitId, ct));
    }


    private static SavedFigures ToFigures(TableEntity e) => new(
        e.GetString("UnitId"),
        ReportingMonth.TryParse(e.PartitionKey)!.Value,
        RevisionedRows.FromJson(e.GetString("Values")),
        e.GetInt32("Revision") ?? 0,
        e.GetBoolean("Late") ?? false,
        e.GetString("SubmittedBy"),
        e.GetString("SubmittedByName"),
        e.GetDateTimeOffset("SubmittedAt") ?? DateTimeOffset.MinValue);

    private static FigureRevision ToRevision(TableEntity e) => new(
        e.GetString("UnitId"),
        ReportingMonth.TryParse(e.PartitionKey)!.Value,
        e.GetInt32("Revision") ?? 0,
        e.GetString("Before") is { } b ? RevisionedRows.FromJson(b) : null,
        RevisionedRows.FromJson(e.GetString("After")),
        e.GetString("By"),
        e.GetString("ByName"),
        e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
        e.GetBoolean("Late") ?? false);
}
