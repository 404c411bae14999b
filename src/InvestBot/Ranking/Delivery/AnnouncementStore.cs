using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace InvestBot.Ranking.Delivery;

/// <summary>
/// Table RankingAnnouncements: PartitionKey "announcement", RowKey = announcement id ("2023-03.r0").
/// The ranking snapshot is stored as JSON, spread over several properties because one string property holds at most 32K characters.
/// </summary>
public sealed class AnnouncementStore
{
    private const string Table = "RankingAnnouncements";
    private const string Partition = "announcement";
    private const int ChunkChars = 30_000;
    private static readonly string[] HeaderColumns = ["Period", "Revision", "PublishedBy", "PublishedByName", "PublishedAt", "State", "Total"];
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly Storage.ITableProvider _tables;

    public AnnouncementStore(Storage.ITableProvider tables) => _tables = tables;

    /// <summary>Insert-only: false when that id exists (a second 发布 of the same period, or a double click).</summary>
    public async Task<bool> TryCreateAsync(Announcement a, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var entity = new TableEntity(Partition, a.Id)
        {
            ["Period"] = a.Period.Key,
            ["Revision"] = a.Revision,
            ["PublishedBy"] = a.PublishedBy,
            ["PublishedByName"] = a.PublishedByName,
            ["PublishedAt"] = a.PublishedAt,
            ["State"] = a.State.ToString(),
            ["Total"] = a.Total,
        };
        var json = JsonSerializer.Serialize(a.Ranking, Json);
        var chunks = json.Chunk(ChunkChars).Select(c => new string(c)).ToList();
        if (chunks.Count > 15) throw new InvalidOperationException("ranking snapshot too large to store");
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

    public async Task<Announcement?> GetAsync(string id, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Storage.TableKeys.Require(id), cancellationToken: ct);
        return e.HasValue ? FromEntity(e.Value!) : null;
    }

    /// <summary>The announcement without its snapshot: readable even when the snapshot is not.</summary>
    public async Task<Announcement?> GetHeaderAsync(string id, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Storage.TableKeys.Require(id), HeaderColumns, ct);
        return e.HasValue ? FromEntity(e.Value!, withSnapshot: false) : null;
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

    /// <summary>Every announcement without its snapshot (small), newest period and revision first.</summary>
    public async Task<IReadOnlyList<Announcement>> ListAsync(RankingPeriod? period = null, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var filter = period is { } p
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Period eq {p.Key}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        var list = new List<Announcement>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: HeaderColumns, cancellationToken: ct))
            list.Add(FromEntity(e, withSnapshot: false));
        return list.OrderByDescending(a => a.Period.Key, StringComparer.Ordinal).ThenByDescending(a => a.Revision).ToList();
    }

    public async Task<IReadOnlyList<Announcement>> ListUnfinishedAsync(CancellationToken ct = default)
    {
        var all = await ListAsync(null, ct);
        return all.Where(a => a.State != AnnouncementState.Completed).ToList();
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
        if (withSnapshot)
        {
            var parts = e.GetInt32("SnapshotParts") ?? 0;
            var json = string.Concat(Enumerable.Range(0, parts).Select(i => e.GetString($"Snapshot{i}")));
            ranking = JsonSerializer.Deserialize<RankingResult>(json, Json)!;
        }
        return new Announcement(period, e.GetInt32("Revision") ?? 0, ranking, e.GetString("PublishedBy") ?? "", e.GetString("PublishedByName"),
            e.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.MinValue,
            Enum.TryParse<AnnouncementState>(e.GetString("State"), out var s) ? s : AnnouncementState.Preparing,
            e.GetInt32("Total") ?? 0);
    }
}
