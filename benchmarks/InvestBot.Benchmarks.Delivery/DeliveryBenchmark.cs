using BenchmarkDotNet.Attributes;
using InvestBot.Ranking;
using InvestBot.Announcements;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.Ranking;

namespace InvestBot.Benchmarks.Delivery;

/// <summary>
/// Time to deliver one ranking announcement to 1,000 subscribed conversations through the loopback Bot Connector, with the
/// production limits (50 messages/s per bot, 7/s per conversation). The limits alone need messages ÷ 50 seconds.
/// Measured: from 确认发布 (announcement, delivery records and queue tickets written) until the last delivery is final.
/// With two instances sharing the queue the bound is the same: they split the per-bot limit, so a ratio near 0.5 would
/// mean they were each sending at the full rate.
/// </summary>
public class DeliveryBenchmark
{
    public const int Conversations = 1000;
    public const double GlobalPerSecond = 50;

    /// <summary>Cards per conversation (the announcement may be split under the 28 KB limit); set in the setup.</summary>
    public static int Parts { get; private set; } = 1;

    public static double LowerBoundSeconds => Conversations * Parts / GlobalPerSecond;

    /// <summary>Bot instances sharing tables and queue.</summary>
    [Params(1, 2)]
    public int Instances { get; set; }

    private FakeBotConnector _connector = null!;
    private RankingBot _bot = null!;
    private RankingBot? _second;
    private readonly FakeFiguresReader _figures = RankingSamples.Figures(3);

    [GlobalSetup]
    public void GlobalSetup()
    {
        _connector = FakeBotConnector.StartAsync().GetAwaiter().GetResult();
        _connector.ValidateCards = false; // measure the bot's delivery, not the fake's schema checks
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _connector.Reset();
        // A fresh table prefix and queue every iteration: same starting point, no leftovers.
        var prefix = TestTables.NewPrefix();
        var settings = new Dictionary<string, string?>
        {
            ["InvestBot:Ranking:GlobalPerSecond"] = GlobalPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["InvestBot:Ranking:PerConversationPerSecond"] = "7",
            ["InvestBot:Ranking:HeartbeatSeconds"] = "1", // the second instance's join pause is one heartbeat
        };
        _bot = RankingBot.StartAsync(_connector, _figures, prefix, settings).GetAwaiter().GetResult();
        if (Instances == 2)
        {
            _second = RankingBot.StartAsync(_connector, _figures, prefix, settings).GetAwaiter().GetResult();
            RankingBot.WaitUntilSharingAsync(TimeSpan.FromSeconds(30), _bot, _second).GetAwaiter().GetResult();
        }
        _bot.SeedSubscribedGroupsAsync(_connector.ServiceUrl, Conversations).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "deliver 1 announcement to 1,000 conversations")]
    public async Task DeliverToThousandConversations()
    {
        var outcome = await _bot.PublishAsync(new RankingPeriod(2023, 3));
        if (outcome.Status != PublishStatus.Started) throw new InvalidOperationException($"publish: {outcome.Status}");
        Parts = _bot.PartsOf(outcome.Announcement!);
        await _bot.WaitForStateAsync(outcome.Announcement!.Id, AnnouncementState.Completed, TimeSpan.FromMinutes(10));
        var posts = _connector.Posts;
        var expected = Conversations * Parts;
        if (posts.Count != expected || posts.Select(p => p.ConversationId).Distinct().Count() != Conversations)
            throw new InvalidOperationException($"expected {expected} posts to {Conversations} conversations, got {posts.Count}");
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        _second?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _second = null;
        _bot.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _connector.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
