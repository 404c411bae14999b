using InvestBot.Access;
using InvestBot.Conversations;
using InvestBot.Ranking;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvestBot.Tests.Ranking;

/// <summary>
/// The real bot wired to a loopback Bot Connector, with the reporting capability's reader replaced by <see cref="FakeFiguresReader"/>.
/// Instances started with the same <see cref="Prefix"/> share tables and queue, like several bot instances in production.
/// </summary>
public sealed class RankingBot : IAsyncDisposable
{
    private RankingBot(BotApp app, string prefix, FakeBotConnector connector)
    {
        App = app;
        Prefix = prefix;
        Client = app.Client();
        Client.ServiceUrl = connector.ServiceUrl;
    }

    public BotApp App { get; }
    public string Prefix { get; }
    public BotClient Client { get; }

    /// <param name="figures">Figures to rank; null to rank what is stored in the tables (the real reader).</param>
    /// <param name="time">The clock the bot reads (office dates, reporting windows); the system clock when null.</param>
    public static async Task<RankingBot> StartAsync(FakeBotConnector connector, FakeFiguresReader? figures, string? prefix = null,
        IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        prefix ??= TestTables.NewPrefix();
        var all = new Dictionary<string, string?>
        {
            ["InvestBot:TablePrefix"] = prefix,
            ["InvestBot:Ranking:ScheduleEnabled"] = "false",
            ["InvestBot:Ranking:ProgressPollMilliseconds"] = "200",
            ["InvestBot:Ranking:IdlePollMilliseconds"] = "200",
            ["InvestBot:Ranking:ClaimSeconds"] = "10",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var app = await BotApp.StartAsync(all, s =>
        {
            // Null: the reporting capability's own reader over the stored figures.
            if (figures is not null) s.AddSingleton<IMonthlyFiguresReader>(figures);
            if (time is not null) s.AddSingleton(time);
        });
        var bot = new RankingBot(app, prefix, connector);
        _ = app.Server; // start the host (and its background worker) now
        return bot;
    }

    public T Service<T>() where T : notnull => App.Service<T>();

    /// <summary>Seeds installed, subscribed conversations straight into storage (the HTTP path is tested separately).</summary>
    public async Task<List<string>> SeedSubscribedGroupsAsync(string serviceUrl, int count, string tag = "g")
    {
        var ids = Enumerable.Range(0, count).Select(i => $"19:{tag}{i:D4}-{Guid.NewGuid():N}@thread.v2").ToList();
        var conversations = Service<IConversationStore>();
        var subscriptions = Service<SubscriptionStore>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            await conversations.UpsertAsync(new ConversationRecord
            {
                ConversationId = ids[i], ConversationType = "groupChat", ServiceUrl = serviceUrl, ChannelId = "msteams",
                TenantId = "tenant-test", BotId = BotClient.BotId, Title = $"测试群{i}",
            }, ct);
            await subscriptions.SubscribeAsync(new Subscription(ids[i], $"测试群{i}", "groupChat", BotApp.AdminAadId, DateTimeOffset.UtcNow), ct);
        });
        return ids;
    }

    public Task<PublishOutcome> PublishAsync(RankingPeriod period, bool correction = false) =>
        Service<RankingPublisher>().PublishAsync(period, correction, new UserIdentity(BotApp.AdminAadId, "合作办管理员"));

    public int PartsOf(Announcement a) => Service<IAnnouncementRenderer>().Render(a).Count;

    /// <summary>Waits for the state; returns the announcement with its snapshot unless <paramref name="headerOnly"/>.</summary>
    public async Task<Announcement> WaitForStateAsync(string announcementId, AnnouncementState state, TimeSpan timeout, bool headerOnly = false)
    {
        var store = Service<RankingAnnouncementStore>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var a = await store.GetHeaderAsync(announcementId);
            if (a?.State == state) return headerOnly ? a : (await store.GetAsync(announcementId))!;
            if (DateTime.UtcNow > deadline)
            {
                var deliveries = await Service<DeliveryStore>().ListAsync(announcementId);
                var summary = string.Join(", ", deliveries.GroupBy(d => (d.Status, d.LastError)).Select(g => $"{g.Key.Status}/{g.Key.LastError}×{g.Count()}"));
                throw new TimeoutException($"{announcementId} did not reach {state} (now {a?.State}); deliveries: {summary}; queued ≈ {await Service<DeliveryQueue>().ApproximateCountAsync()}");
            }
            await Task.Delay(100); // polling storage for the state we wait for
        }
    }

    /// <summary>Waits until each of <paramref name="bots"/> (sharing a prefix) knows it shares the per-bot limit with the others.</summary>
    public static async Task WaitUntilSharingAsync(TimeSpan timeout, params RankingBot[] bots)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (bots.Any(b => b.Service<SendPacer>().Share != bots.Length))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the {bots.Length} instances did not see each other");
            await Task.Delay(50); // polling for their heartbeats
        }
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
