using Azure;
using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Announcements;

/// <summary>
/// Table RankingAnnouncements: PartitionKey "announcement", RowKey = announcement id ("2023-03.r0", "kp-2023Q1.r0"). Every
/// announcement kind shares it (column Kind), so the delivery finds every unfinished one in one place. The table keeps the
/// name it had when only the ranking published, so announcements already stored stay readable. The snapshot is stored as
/// JSON, spread over several properties because one string property holds at most 32K characters. A kind may store
/// columns of its own next to the envelope (the ranking: Period, Revision) and read them back through
/// <see cref="GetEntityAsync"/> and <see cref="QueryAsync"/>.
/// </summary>
public sealed class AnnouncementStore(ITableProvider tables)
{
    public const string Table = "RankingAnnouncements";
    public const string Partition = "announcement";

    /// <summary>Rows written before kinds existed have no Kind column: they are all monthly rankings, stored under this kind.</summary>
    public const string UntaggedKind = "ranking";

    private const int ChunkChars = 30_000;
    private static readonly string[] EnvelopeColumns = ["RowKey", "Kind", "Title", "PublishedBy", "PublishedByName", "PublishedAt", "State", "Total"];

    /// <summary>Insert-only: false when that id exists (a second 发布 of the same quarter, or a double click).</summary>
    public Task<bool> TryCreateAsync(AnnouncementRecord a, CancellationToken ct = default) =>
        TryCreateAsync(a, new Dictionary<string, object>(), ct);

    /// <summary>Insert-only, with the kind's own <paramref name="columns"/> stored next to the envelope (the ranking's Period and Revision).</summary>
    public Task<bool> TryCreateAsync(AnnouncementRecord a, IReadOnlyDictionary<string, object> columns, CancellationToken ct = default)
    {
        var entity = Envelope(a);
        if (a.Title is not null) entity["Title"] = a.Title;
        foreach (var (name, value) in columns) entity[name] = value;
        return TryAddAsync(entity, a.Snapshot ?? "", ct);
    }

    /// <summary>Any kind of announcement, with its snapshot (null when there is none).</summary>
    public async Task<AnnouncementRecord?> GetRecordAsync(string id, CancellationToken ct = default) =>
        await GetEntityAsync(id, null, ct) is { } e ? ToRecord(e, withSnapshot: true) : null;

    /// <summary>Every announcement of every kind that has not completed, without snapshots: what the delivery worker finishes.</summary>
    public async Task<IReadOnlyList<AnnouncementRecord>> ListUnfinishedRecordsAsync(CancellationToken ct = default) =>
        (await ListRecordsAsync(null, ct)).Where(a => a.State != AnnouncementState.Completed).ToList();

    /// <summary>The announcements of one kind (every kind when null), without snapshots, newest first.</summary>
    public async Task<IReadOnlyList<AnnouncementRecord>> ListRecordsAsync(string? kind, CancellationToken ct = default)
    {
        var list = new List<AnnouncementRecord>();
        await foreach (var e in QueryAsync(null, EnvelopeColumns, ct))
        {
            var record = ToRecord(e, withSnapshot: false);
            if (kind is null || record.Kind == kind) list.Add(record);
        }
        return list.OrderByDescending(a => a.PublishedAt).ToList();
    }

    /// <summary>The stored row of one announcement (only <paramref name="select"/>ed columns when given), for a kind's own columns.</summary>
    public async Task<TableEntity?> GetEntityAsync(string id, IEnumerable<string>? select = null, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Require(id), select, ct);
        return e.HasValue ? e.Value : null;
    }

    /// <summary>The stored rows that match <paramref name="filter"/> (every row when null), with the <paramref name="select"/>ed columns.</summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(FormattableString? filter, IEnumerable<string> select,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var query = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        if (filter is not null) query += " and " + TableClient.CreateQueryFilter(filter);
        await foreach (var e in table.QueryAsync<TableEntity>(query, select: select, cancellationToken: ct))
            yield return e;
    }

    /// <summary>The kind of a stored row (<see cref="UntaggedKind"/> for rows written before kinds existed).</summary>
    public static string KindOf(TableEntity e) => e.GetString("Kind") is { Length: > 0 } k ? k : UntaggedKind;

    /// <summary>The snapshot of a stored row, put back together from its parts.</summary>
    public static string SnapshotOf(TableEntity e) =>
        string.Concat(Enumerable.Range(0, e.GetInt32("SnapshotParts") ?? 0).Select(i => e.GetString($"Snapshot{i}")));

    /// <summary>Moves the announcement to <paramref name="state"/> only if it is still in <paramref name="from"/>; false when another instance did it first.</summary>
    public async Task<bool> TryTransitionAsync(string id, AnnouncementState from, AnnouncementState state, int? total = null, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, new[] { "State" }, ct);
        if (!e.HasValue || e.Value!.GetString("State") != from.ToString()) return false;
        var update = new TableEntity(Partition, id) { ["State"] = state.ToString() };
        if (total is { } t) update["Total"] = t;
        try
        {
            await table.UpdateEntityAsync(update, e.Value.ETag, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private static TableEntity Envelope(AnnouncementRecord a) => new(Partition, TableKeys.Require(a.Id))
    {
        ["Kind"] = a.Kind,
        ["PublishedBy"] = a.PublishedBy,
        ["PublishedByName"] = a.PublishedByName,
        ["PublishedAt"] = a.PublishedAt,
        ["State"] = a.State.ToString(),
        ["Total"] = a.Total,
    };

    private async Task<bool> TryAddAsync(TableEntity entity, string snapshot, CancellationToken ct)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var chunks = snapshot.Chunk(ChunkChars).Select(c => new string(c)).ToList();
        if (chunks.Count > 15) throw new InvalidOperationException("announcement snapshot too large to store");
        entity["SnapshotParts"] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++) entity[$"Snapshot{i}"] = chunks[i];
        try
        {
            await table.AddEntityAsync(entity, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    private static AnnouncementRecord ToRecord(TableEntity e, bool withSnapshot) =>
        new(e.RowKey, KindOf(e), e.GetString("PublishedBy") ?? "", e.GetString("PublishedByName"),
            e.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.MinValue,
            Enum.TryParse<AnnouncementState>(e.GetString("State"), out var s) ? s : AnnouncementState.Preparing,
            e.GetInt32("Total") ?? 0, e.GetString("Title"), withSnapshot ? SnapshotOf(e) : null);
}
