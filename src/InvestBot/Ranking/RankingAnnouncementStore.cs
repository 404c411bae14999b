using System.Text.Json;
using InvestBot.Announcements;

namespace InvestBot.Ranking;

/// <summary>
/// The monthly rankings among the announcements (<see cref="AnnouncementStore"/>, kind <see cref="RankingAnnouncementKind.Name"/>):
/// the ranking's own columns Period ("2023-03") and Revision next to the shared envelope, the <see cref="RankingResult"/> as the snapshot.
/// </summary>
public sealed class RankingAnnouncementStore(AnnouncementStore store)
{
    private static readonly string[] HeaderColumns = ["Kind", "Period", "Revision", "PublishedBy", "PublishedByName", "PublishedAt", "State", "Total"];
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>A ranking as it is stored: two publications with the same text say the same.</summary>
    public static string SnapshotText(RankingResult ranking) => JsonSerializer.Serialize(ranking, Json);

    /// <summary>Insert-only: false when that id exists (a second 发布 of the same period, or a double click).</summary>
    public Task<bool> TryCreateAsync(Announcement a, CancellationToken ct = default) =>
        store.TryCreateAsync(new AnnouncementRecord(a.Id, RankingAnnouncementKind.Name, a.PublishedBy, a.PublishedByName, a.PublishedAt, a.State, a.Total,
            Snapshot: SnapshotText(a.Ranking)), new Dictionary<string, object> { ["Period"] = a.Period.Key, ["Revision"] = a.Revision }, ct);

    /// <summary>A ranking announcement with its snapshot; null for another kind's id.</summary>
    public async Task<Announcement?> GetAsync(string id, CancellationToken ct = default) =>
        await store.GetEntityAsync(id, null, ct) is { } e && IsRanking(e) ? FromEntity(e) : null;

    /// <summary>A ranking announcement without its snapshot: readable even when the snapshot is not; null for another kind's id.</summary>
    public async Task<Announcement?> GetHeaderAsync(string id, CancellationToken ct = default) =>
        await store.GetEntityAsync(id, HeaderColumns, ct) is { } e && IsRanking(e) ? FromEntity(e, withSnapshot: false) : null;

    /// <summary>Moves the announcement to <paramref name="state"/> only if it is still in <paramref name="from"/>; false when another instance did it first.</summary>
    public Task<bool> TryTransitionAsync(string id, AnnouncementState from, AnnouncementState state, int? total = null, CancellationToken ct = default) =>
        store.TryTransitionAsync(id, from, state, total, ct);

    /// <summary>Every ranking announcement without its snapshot (small), newest period and revision first.</summary>
    public async Task<IReadOnlyList<Announcement>> ListAsync(RankingPeriod? period = null, CancellationToken ct = default)
    {
        // Only rankings have a Period column, so other kinds never match the period filter; without one, skip them by Kind.
        FormattableString? filter = period is { } p ? (FormattableString)$"Period eq {p.Key}" : null;
        var list = new List<Announcement>();
        await foreach (var e in store.QueryAsync(filter, HeaderColumns, ct))
            if (IsRanking(e))
                list.Add(FromEntity(e, withSnapshot: false));
        return list.OrderByDescending(a => a.Period.Key, StringComparer.Ordinal).ThenByDescending(a => a.Revision).ToList();
    }

    /// <summary>The ranking people see when they ask 排名: the newest period, its latest correction.</summary>
    public async Task<Announcement?> LatestAsync(CancellationToken ct = default)
    {
        var newest = (await ListAsync(null, ct)).FirstOrDefault();
        return newest is null ? null : await GetAsync(newest.Id, ct);
    }

    private static bool IsRanking(Azure.Data.Tables.TableEntity e) => AnnouncementStore.KindOf(e) == RankingAnnouncementKind.Name;

    private static Announcement FromEntity(Azure.Data.Tables.TableEntity e, bool withSnapshot = true)
    {
        RankingPeriod.TryParse(e.GetString("Period"), out var period);
        RankingResult ranking = new(period, [], []);
        if (withSnapshot) ranking = JsonSerializer.Deserialize<RankingResult>(AnnouncementStore.SnapshotOf(e), Json)!;
        return new Announcement(period, e.GetInt32("Revision") ?? 0, ranking, e.GetString("PublishedBy") ?? "", e.GetString("PublishedByName"),
            e.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.MinValue,
            Enum.TryParse<AnnouncementState>(e.GetString("State"), out var s) ? s : AnnouncementState.Preparing,
            e.GetInt32("Total") ?? 0);
    }
}
