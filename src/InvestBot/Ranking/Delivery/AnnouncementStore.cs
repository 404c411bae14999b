using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace InvestBot.Ranking.Delivery;

/// <summary>
/// Table RankingAnnouncements: PartitionKey "announcement", RowKey = announcement id ("2023-03.r0"). Every announcement kind
/// shares it (column Kind; rankings written before kinds existed have none), so the delivery finds every unfinished one in
/// one place. The snapshot is stored as JSON, spread over several properties because one string property holds at most 32K characters.
/// </summary>
public sealed class AnnouncementStore
{
    private const string Table = "RankingAnnouncements";
    private const string Partition = "announcement";
    private const int ChunkChars = 30_000;
    private static readonly string[] HeaderColumns = ["Kind", "Period", "Revision", "PublishedBy", "PublishedByName", "PublishedAt", "State", "Total"];
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>A ranking as it is stored: two publications with the same text say the same.</summary>
    public static string SnapshotText(RankingResult ranking) => JsonSerializer.Serialize(ranking, Json);
    private readonly Storage.ITableProvider _tables;

    public AnnouncementStore(Storage.ITableProvider tables) => _tables = tables;

    /// <summary>Insert-only: false when that id exists (a second 发布 of the same period, or a double click).</summary>
    public Task<bool> TryCreateAsync(Announcement a, CancellationToken ct = default)
    {
        var entity = Envelope(new AnnouncementRecord(a.Id, RankingAnnouncementKind.Name, a.PublishedBy, a.PublishedByName, a.PublishedAt, a.State, a.Total));
        entity["Period"] = a.Period.Key;
        entity["Revision"] = a.Revision;
        return TryAddAsync(entity, JsonSerializer.Serialize(a.Ranking, Json), ct);
    }

    /// <summary>Insert-only, for another kind of announcement (its snapshot is its own JSON): false when that id exists.</summary>
    public Task<bool> TryCreateAsync(AnnouncementRecord a, CancellationToken ct = default)
    {
        if (a.Kind == RankingAnnouncementKind.Name) throw new ArgumentException("rankings are created from their Announcement", nameof(a));
        var entity = Envelope(a);
        entity["Title"] = a.Title;
        return TryAddAsync(entity, a.Snapshot ?? "", ct);
    }

    /// <summary>Any kind of announcement, with its snapshot (null when there is none).</summary>
    public async Task<AnnouncementRecord?> GetRecordAsync(string id, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Storage.TableKeys.Require(id), cancellationToken: ct);
        return e.HasValue ? ToRecord(e.Value!, withSnapshot: true) : null;
    }

    /// <summary>Every announcement of every kind that has not completed, without snapshots: what the delivery worker finishes.</summary>
    public async Task<IReadOnlyList<AnnouncementRecord>> ListUnfinishedRecordsAsync(CancellationToken ct = default) =>
        (await ListRecordsAsync(null, ct)).Where(a => a.State != AnnouncementState.Completed).ToList();

    /// <summary>The announcements of one kind (every kind when null), without snapshots, newest first.</summary>
    public async Task<IReadOnlyList<AnnouncementRecord>> ListRecordsAsync(string? kind, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var list = new List<AnnouncementRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), select: EnvelopeColumns, cancellationToken: ct))
        {
            var record = ToRecord(e, withSnapshot: false);
            if (kind is null || record.Kind == kind) list.Add(record);
        }
        return list.OrderByDescending(a => a.PublishedAt).ToList();
    }

    private static readonly string[] EnvelopeColumns = ["RowKey", "Kind", "Title", "PublishedBy", "PublishedByName", "PublishedAt", "State", "Total"];

    private static TableEntity Envelope(AnnouncementRecord a) => new(Partition, Storage.TableKeys.Require(a.Id))
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
        var table = await _tables.GetTableAsync(Table, ct);
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

    private static string Snapshot(TableEntity e) =>
        string.Concat(Enumerable.Range(0, e.GetInt32("SnapshotParts") ?? 0).Select(i => e.GetString($"Snapshot{i}")));

    private static AnnouncementRecord ToRecord(TableEntity e, bool withSnapshot)
    {
        var kind = e.GetString("Kind") is { Length: > 0 } k ? k : RankingAnnouncementKind.Name;
        return new AnnouncementRecord(e.RowKey, kind, e.GetString("PublishedBy") ?? "", e.GetString("PublishedByName"),
            e.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.MinValue,
            Enum.TryParse<AnnouncementState>(e.GetString("State"), out var s) ? s : AnnouncementState.Preparing,
            e.GetInt32("Total") ?? 0, e.GetString("Title"), withSnapshot && kind != RankingAnnouncementKind.Name ? Snapshot(e) : null);
    }

    /// <summary>A ranking announcement with its snapshot; null for another kind's id.</summary>
    public async Task<Announcement?> GetAsync(string id, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Storage.TableKeys.Require(id), cancellationToken: ct);
        return e.HasValue && e.Value!.GetString("Kind") is null or "" or RankingAnnouncementKind.Name ? FromEntity(e.Value!) : null;
    }

    /// <summary>A ranking announcement without its snapshot: readable even when the snapshot is not; null for another kind's id.</summary>
    public async Task<Announcement?> GetHeaderAsync(string id, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Storage.TableKeys.Require(id), HeaderColumns, ct);
        return e.HasValue && e.Value!.GetString("Kind") is null or "" or RankingAnnouncementKind.Name ? FromEntity(e.Value!, withSnapshot: false) : null;
    }

    /// <summary>Moves the announcement to <paramref name="state"/> only if it is still in <paramref name="from"/>; false when another instance did it first.</summary>
    public async Task<bool> TryTransitionAsync(string id, AnnouncementState from, AnnouncementState state, int? total = null, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
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

    /// <summary>Every ranking announcement without its snapshot (small), newest period and revision first.</summary>
    public async Task<IReadOnlyList<Announcement>> ListAsync(RankingPeriod? period = null, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        // Only rankings have a Period column, so other kinds never match the period filter; without one, skip them by Kind.
        var filter = period is { } p
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Period eq {p.Key}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        var list = new List<Announcement>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: HeaderColumns, cancellationToken: ct))
            if (e.GetString("Kind") is null or "" or RankingAnnouncementKind.Name)
                list.Add(FromEntity(e, withSnapshot: false));
        return list.OrderByDescending(a => a.Period.Key, StringComparer.Ordinal).ThenByDescending(a => a.Revision).ToList();
    }

    /// <summary>The ranking people see when they ask 排名: the newest period, its latest correction.</summary>
    public async Task<Announcement?> LatestAsync(CancellationToken ct = default)
    {
        var newest = (await ListAsync(null, ct)).FirstOrDefault();
        return newest is null ? null : await GetAsync(newest.Id, ct);
    }

    private static Announcement FromEntity(TableEntity e, bool withSnapshot = true)
    {
        RankingPeriod.TryParse(e.GetString("Period"), out var period);
        RankingResult ranking = new(period, [], []);
        if (withSnapshot) ranking = JsonSerializer.Deserialize<RankingResult>(Snapshot(e), Json)!;
        return new Announcement(period, e.GetInt32("Revision") ?? 0, ranking, e.GetString("PublishedBy") ?? "", e.GetString("PublishedByName"),
            e.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.MinValue,
            Enum.TryParse<AnnouncementState>(e.GetString("State"), out var s) ? s : AnnouncementState.Preparing,
            e.GetInt32("Total") ?? 0);
    }
}
