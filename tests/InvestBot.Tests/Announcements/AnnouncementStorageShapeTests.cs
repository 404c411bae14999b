using System.Text.Json;
using Azure.Data.Tables;
using InvestBot.Announcements;
using InvestBot.Conversations;
using InvestBot.Ranking;
using InvestBot.Storage;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace InvestBot.Tests.Announcements;

/// <summary>
/// The delivery moved from Ranking/Delivery to the kernel's Announcements/ without changing what is stored: the same tables,
/// queue, settings and row shapes, so announcements, deliveries, subscriptions and queued tickets of a running deployment stay
/// readable after the update.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AnnouncementStorageShapeTests
{
    private static readonly DateTimeOffset At = new(2023, 4, 6, 1, 0, 0, TimeSpan.Zero);

    private static readonly string[] System = ["odata.etag", "PartitionKey", "RowKey", "Timestamp"];

    /// <summary>Records which tables are asked for, and hands out the real ones.</summary>
    private sealed class RecordingTables(ITableProvider inner) : ITableProvider
    {
        public List<string> Asked { get; } = [];

        public Task<TableClient> GetTableAsync(string logicalName, CancellationToken ct = default)
        {
            lock (Asked) Asked.Add(logicalName);
            return inner.GetTableAsync(logicalName, ct);
        }
    }

    private static async Task<TableEntity> RowAsync(ITableProvider tables, string table, string partition, string row) =>
        (await (await tables.GetTableAsync(table)).GetEntityAsync<TableEntity>(partition, row)).Value;

    private static SortedSet<string> Columns(TableEntity e) => new(e.Keys.Except(System), StringComparer.Ordinal);

    [Fact]
    public async Task A_ranking_is_stored_in_the_same_table_with_the_same_columns_as_before()
    {
        var tables = new RecordingTables(await TestTables.NewProviderAsync());
        var rankings = new RankingAnnouncementStore(new AnnouncementStore(tables));
        var period = new RankingPeriod(2023, 3);

        Assert.True(await rankings.TryCreateAsync(new Announcement(period, 0, new RankingResult(period, [], []), "admin-1", "王主任", At)));

        Assert.Equal(["RankingAnnouncements"], tables.Asked.Distinct());
        var row = await RowAsync(tables, "RankingAnnouncements", "announcement", "2023-03.r0");
        Assert.Equal(new SortedSet<string>(["Kind", "Period", "Revision", "PublishedBy", "PublishedByName", "PublishedAt", "State", "Total",
            "SnapshotParts", "Snapshot0"], StringComparer.Ordinal), Columns(row));
        Assert.Equal(("ranking", "2023-03", 0, "Preparing"), (row.GetString("Kind"), row.GetString("Period"), row.GetInt32("Revision"), row.GetString("State")));
    }

    [Fact]
    public async Task Another_kind_is_stored_with_its_title_and_snapshot_and_no_ranking_columns()
    {
        var tables = await TestTables.NewProviderAsync();
        var store = new AnnouncementStore(tables);

        Assert.True(await store.TryCreateAsync(new AnnouncementRecord("kp-2023Q1.r0", "keyProjects", "admin-1", "王主任", At,
            Title: "2023年第一季度重大招商项目推进情况通报", Snapshot: "{\"Projects\":[]}")));

        var row = await RowAsync(tables, "RankingAnnouncements", "announcement", "kp-2023Q1.r0");
        Assert.Equal(new SortedSet<string>(["Kind", "Title", "PublishedBy", "PublishedByName", "PublishedAt", "State", "Total",
            "SnapshotParts", "Snapshot0"], StringComparer.Ordinal), Columns(row));
        var record = (await store.GetRecordAsync("kp-2023Q1.r0"))!;
        Assert.Equal(("keyProjects", "{\"Projects\":[]}"), (record.Kind, record.Snapshot));
        // The ranking's view does not take it for a ranking.
        var rankings = new RankingAnnouncementStore(store);
        Assert.Null(await rankings.GetAsync("kp-2023Q1.r0"));
        Assert.Empty(await rankings.ListAsync());
    }

    [Fact]
    public async Task A_ranking_row_written_before_kinds_existed_is_still_read_as_a_ranking()
    {
        var tables = await TestTables.NewProviderAsync();
        var period = new RankingPeriod(2023, 2);
        var snapshot = RankingAnnouncementStore.SnapshotText(new RankingResult(period, [], []));
        // The row exactly as the first deployments wrote it: no Kind, no Title.
        await (await tables.GetTableAsync("RankingAnnouncements")).AddEntityAsync(new TableEntity("announcement", "2023-02.r0")
        {
            ["Period"] = "2023-02", ["Revision"] = 0, ["PublishedBy"] = "admin-1", ["PublishedByName"] = "王主任", ["PublishedAt"] = At,
            ["State"] = "Completed", ["Total"] = 3, ["SnapshotParts"] = 1, ["Snapshot0"] = snapshot,
        });
        var store = new AnnouncementStore(tables);

        var record = Assert.Single(await store.ListRecordsAsync(null));
        Assert.Equal(("2023-02.r0", RankingAnnouncementKind.Name, AnnouncementState.Completed, 3), (record.Id, record.Kind, record.State, record.Total));
        var ranking = (await new RankingAnnouncementStore(store).GetAsync("2023-02.r0"))!;
        Assert.Equal((period, 0, "王主任"), (ranking.Period, ranking.Revision, ranking.PublishedByName));
        Assert.Empty(await store.ListUnfinishedRecordsAsync());
    }

    [Fact]
    public async Task Deliveries_subscriptions_and_workers_keep_their_tables_and_keys()
    {
        var tables = new RecordingTables(await TestTables.NewProviderAsync());
        var conversation = new ConversationRecord
        {
            ConversationId = "19:group@thread.v2", ConversationType = "groupChat", ServiceUrl = "https://smba.example/", ChannelId = "msteams",
            TenantId = "tenant", BotId = "28:bot", Title = "招商群", TeamName = "区合作交流办",
        };

        await new DeliveryStore(tables).AddMissingAsync("2023-03.r0", [conversation]);
        var delivery = await RowAsync(tables, "RankingDeliveries", "2023-03.r0", TableKeys.Encode(conversation.ConversationId));
        Assert.Equal(new SortedSet<string>(["ConversationId", "ConversationType", "ServiceUrl", "ChannelId", "TenantId", "BotId", "Title", "TeamName",
            "Status", "Attempts", "PartsSent"], StringComparer.Ordinal), Columns(delivery));
        Assert.Equal("Pending", delivery.GetString("Status"));

        await new SubscriptionStore(tables).SubscribeAsync(new Subscription(conversation.ConversationId, "招商群", "groupChat", "admin-1", At));
        var subscription = await RowAsync(tables, "RankingSubscriptions", "subscription", TableKeys.Encode(conversation.ConversationId));
        Assert.Equal(new SortedSet<string>(["ConversationId", "DisplayName", "ConversationType", "SubscribedBy", "SubscribedAt", "Active", "InactiveReason"],
            StringComparer.Ordinal), Columns(subscription));

        var registry = new WorkerRegistry(tables, TimeProvider.System);
        await registry.HeartbeatAsync(TimeSpan.FromSeconds(15), default);
        Assert.Equal(["LastSeen"], Columns(await RowAsync(tables, "DeliveryWorkers", "worker", registry.InstanceId)));
        Assert.Equal(["RankingDeliveries", "RankingSubscriptions", "DeliveryWorkers"], tables.Asked.Distinct());
    }

    [Fact]
    public void The_queue_its_tickets_and_the_settings_keep_their_names()
    {
        // Tickets queued by the previous version are read by this one.
        Assert.Equal("""{"AnnouncementId":"2023-03.r0","ConversationId":"19:a"}""", JsonSerializer.Serialize(new DeliveryTicket("2023-03.r0", "19:a")));
        Assert.Equal("tabc-ranking-delivery", DeliveryQueue.NameFor("tAbc", new DeliveryOptions().QueueName));

        // Deployed settings under InvestBot:Ranking still tune the delivery.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InvestBot:Ranking:ClaimSeconds"] = "17", ["InvestBot:Ranking:GlobalPerSecond"] = "9", ["InvestBot:Ranking:WorkerEnabled"] = "false",
        }).Build();
        var options = new ServiceCollection().AddAnnouncements(configuration).BuildServiceProvider().GetRequiredService<IOptions<DeliveryOptions>>().Value;
        Assert.Equal((17, 9.0, false), (options.ClaimSeconds, options.GlobalPerSecond, options.WorkerEnabled));
    }
}
