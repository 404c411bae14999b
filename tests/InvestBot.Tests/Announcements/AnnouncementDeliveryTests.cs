using Azure;
using Azure.Data.Tables;
using InvestBot.Conversations;
using InvestBot.Common;
using InvestBot.Ranking;
using InvestBot.Announcements;
using InvestBot.Scheduling;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.Ranking;
using Xunit;

namespace InvestBot.Tests.Announcements;

/// <summary>Delivery through Azure Queue Storage (Azurite) to a loopback Bot Connector that fails on demand.</summary>
[Trait("Category", "Integration")]
[Collection(InvestBot.Tests.Infrastructure.TimingSensitiveCollection.Name)]
public sealed class AnnouncementDeliveryTests : IAsyncLifetime
{
    private static readonly RankingPeriod March = new(2023, 3);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private FakeBotConnector _connector = null!;
    private readonly FakeFiguresReader _figures = RankingSamples.Figures(3);

    public async Task InitializeAsync() => _connector = await FakeBotConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private void AssertExactlyOnce(IEnumerable<string> conversations, int parts)
    {
        foreach (var id in conversations)
            Assert.Equal(parts, _connector.PostsTo(id).Count);
    }

    [Fact]
    public async Task Every_live_conversation_gets_one_post_despite_429_and_500_and_dead_ones_are_marked()
    {
        await using var bot = await RankingBot.StartAsync(_connector, _figures);
        var ids = await bot.SeedSubscribedGroupsAsync(_connector.ServiceUrl, 8);
        _connector.FailNext(ids[0], 429, times: 1, retryAfterSeconds: 2);
        _connector.FailNext(ids[1], 500, times: 2);
        _connector.FailNext(ids[2], 412, times: 1);
        _connector.AlwaysFail(ids[3], 403);
        _connector.AlwaysFail(ids[4], 404);

        var outcome = await bot.PublishAsync(March);
        Assert.Equal(PublishStatus.Started, outcome.Status);
        Assert.Equal(8, outcome.Total);
        var done = await bot.WaitForStateAsync(outcome.Announcement!.Id, AnnouncementState.Completed, Timeout);
        var parts = bot.PartsOf(await bot.Service<RankingAnnouncementStore>().GetAsync(done.Id) ?? done);

        var live = ids.Where((_, i) => i is not 3 and not 4).ToList();
        AssertExactlyOnce(live, parts);
        Assert.Empty(_connector.PostsTo(ids[3]));
        Assert.Empty(_connector.PostsTo(ids[4]));
        // 403/404 are not retried forever: one attempt each.
        Assert.Single(_connector.Attempts, a => a.ConversationId == ids[3]);

        // Retry-After (2 s) was honoured before the second attempt.
        var attempts = _connector.Attempts.Where(a => a.ConversationId == ids[0]).OrderBy(a => a.At).ToList();
        Assert.Equal(429, attempts[0].Status);
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {(attempts[1].At - attempts[0].At).TotalSeconds:0.00}s");

        var progress = await bot.Service<DeliveryStore>().ProgressAsync(done.Id);
        Assert.Equal((8, 6, 0, 2, 0), (progress.Total, progress.Sent, progress.Pending, progress.Inactive, progress.Failed));
        var deliveries = await bot.Service<DeliveryStore>().ListAsync(done.Id);
        Assert.Equal(DeliveryStatus.Inactive, deliveries.Single(d => d.Conversation.ConversationId == ids[3]).Status);
        Assert.Equal(2, deliveries.Single(d => d.Conversation.ConversationId == ids[1]).Attempts);

        // Dead conversations drop out of later publications.
        var subscriptions = await bot.Service<SubscriptionStore>().ListAsync();
        Assert.False(subscriptions.Single(s => s.ConversationId == ids[3]).Active);
        Assert.True(subscriptions.Single(s => s.ConversationId == ids[0]).Active);
    }

    [Fact]
    public async Task A_second_publication_of_the_same_period_posts_nothing_but_a_correction_posts_again_marked()
    {
        await using var bot = await RankingBot.StartAsync(_connector, _figures);
        var ids = await bot.SeedSubscribedGroupsAsync(_connector.ServiceUrl, 3);
        var first = await bot.PublishAsync(March);
        await bot.WaitForStateAsync(first.Announcement!.Id, AnnouncementState.Completed, Timeout);
        var parts = bot.PartsOf(first.Announcement);
        AssertExactlyOnce(ids, parts);

        var again = await bot.PublishAsync(March);
        Assert.Equal(PublishStatus.AlreadyPublished, again.Status);
        Assert.Equal(3 * parts, _connector.Posts.Count);

        Assert.Equal(PublishStatus.Unchanged, (await bot.PublishAsync(March, correction: true)).Status); // nothing to correct yet
        var late = _figures.All.First(f => f.Year == 2023 && f.Month == 3);
        _figures.Submit(late.UnitId, 2023, 3, late.Values.Select(v => (v.Key, v.Value + 1)).ToArray());
        var correction = await bot.PublishAsync(March, correction: true);
        Assert.Equal(PublishStatus.Started, correction.Status);
        Assert.Equal("2023-03.r1", correction.Announcement!.Id);
        await bot.WaitForStateAsync(correction.Announcement.Id, AnnouncementState.Completed, Timeout);
        AssertExactlyOnce(ids, 2 * parts);
        var corrected = _connector.PostsTo(ids[0]).Skip(parts).First();
        Assert.Contains("【更正】宝坻区招商引资情况通报（2023年3月）", corrected.Activity.ToString());
        Assert.Equal(2, (await bot.Service<RankingAnnouncementStore>().ListAsync(March)).Count);
    }

    [Fact]
    public async Task Duplicate_tickets_for_the_same_delivery_never_double_post()
    {
        _connector.Latency = TimeSpan.FromMilliseconds(30);
        await using var bot = await RankingBot.StartAsync(_connector, _figures);
        var ids = await bot.SeedSubscribedGroupsAsync(_connector.ServiceUrl, 12);
        var outcome = await bot.PublishAsync(March);
        // Resuming queues a second ticket for every unfinished delivery, as a second instance resuming would.
        await bot.Service<RankingPublisher>().ResumeAsync(outcome.Announcement!);
        await bot.Service<RankingPublisher>().ResumeAsync(outcome.Announcement!);
        await bot.WaitForStateAsync(outcome.Announcement!.Id, AnnouncementState.Completed, Timeout);
        await WaitForEmptyQueueAsync(bot);
        AssertExactlyOnce(ids, bot.PartsOf(outcome.Announcement));
    }

    private static async Task WaitForEmptyQueueAsync(RankingBot bot)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (await bot.Service<DeliveryQueue>().ApproximateCountAsync() > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("queue not drained");
            await Task.Delay(100); // polling the queue for the state we wait for
        }
    }

    [Fact]
    public async Task A_delivery_whose_processing_keeps_failing_is_marked_failed_with_its_error_and_the_publishing_admin_is_told_once()
    {
        var prefix = TestTables.NewPrefix();
        var adminChat = "a:admin-personal";
        List<string> ids;
        string announcementId;
        await using (var publisher = await RankingBot.StartAsync(_connector, _figures, prefix,
            new Dictionary<string, string?> { ["InvestBot:Ranking:WorkerEnabled"] = "false" }))
        {
            ids = await publisher.SeedSubscribedGroupsAsync(_connector.ServiceUrl, 2);
            await publisher.Service<IConversationStore>().UpsertAsync(new ConversationRecord
            {
                ConversationId = adminChat, ConversationType = "personal", ServiceUrl = _connector.ServiceUrl, ChannelId = "msteams",
                UserAadObjectId = BotApp.AdminAadId, UserId = "29:admin", UserName = "合作办管理员",
            });
            announcementId = (await publisher.PublishAsync(March)).Announcement!.Id;
        }
        // A snapshot no instance can read: every attempt to render it throws.
        var azurite = await AzuriteServer.Shared;
        await new TableServiceClient(azurite.ConnectionString).GetTableClient(prefix + "RankingAnnouncements").UpdateEntityAsync(
            new TableEntity("announcement", announcementId) { ["SnapshotParts"] = 1, ["Snapshot0"] = "{\"broken\":" }, ETag.All, TableUpdateMode.Merge);

        await using var worker = await RankingBot.StartAsync(_connector, _figures, prefix, new Dictionary<string, string?>
        {
            ["InvestBot:Ranking:MaxDequeueCount"] = "3", ["InvestBot:Ranking:ClaimSeconds"] = "1",
        });
        await worker.WaitForStateAsync(announcementId, AnnouncementState.Completed, Timeout, headerOnly: true);
        var completion = await _connector.WaitForAsync(adminChat, a => a.Text?.Contains("发布完成") == true);

        var deliveries = await worker.Service<DeliveryStore>().ListAsync(announcementId);
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d =>
        {
            Assert.Equal(DeliveryStatus.Failed, d.Status);
            // At least the configured 3 receipts; a slow machine may hand the ticket out once more while the last one runs.
            var m = System.Text.RegularExpressions.Regex.Match(d.LastError!, @"^处理反复出错 (\d+) 次：JsonException");
            Assert.True(m.Success && int.Parse(m.Groups[1].Value) >= 3, d.LastError);
        });
        var poisonNotice = Assert.Single(_connector.To(adminChat), a => a.Text?.Contains("反复出错") == true && !a.Text.Contains("发布完成"));
        Assert.Contains("2023年3月招商引资情况通报发往", poisonNotice.Text);
        Assert.Contains("失败 2 个", completion.Text);
        Assert.All(ids, id => Assert.Empty(_connector.PostsTo(id)));
        Assert.Equal(0, await worker.Service<DeliveryQueue>().ApproximateCountAsync());
    }

    [Fact]
    public async Task Restart_mid_way_resumes_without_double_posts()
    {
        var prefix = TestTables.NewPrefix();
        _connector.Latency = TimeSpan.FromMilliseconds(150);
        var slow = new Dictionary<string, string?> { ["InvestBot:Ranking:WorkerConcurrency"] = "2" };
        List<string> ids;
        string announcementId;
        int parts;
        await using (var first = await RankingBot.StartAsync(_connector, _figures, prefix, slow))
        {
            ids = await first.SeedSubscribedGroupsAsync(_connector.ServiceUrl, 24);
            var outcome = await first.PublishAsync(March);
            announcementId = outcome.Announcement!.Id;
            parts = first.PartsOf(outcome.Announcement);
            await _connector.WaitForPostsAsync(6, Timeout);
        } // stopped while deliveries are under way

        var sentBeforeRestart = _connector.Posts.Count;
        Assert.InRange(sentBeforeRestart, 6, 24 * parts - 1);

        await using var second = await RankingBot.StartAsync(_connector, _figures, prefix);
        await second.WaitForStateAsync(announcementId, AnnouncementState.Completed, Timeout);
        AssertExactlyOnce(ids, parts);
        Assert.Equal(24 * parts, _connector.Posts.Count);
    }

    [Fact]
    public async Task Two_instances_share_the_queue_without_double_posts_and_publish_a_period_once()
    {
        var prefix = TestTables.NewPrefix();
        _connector.Latency = TimeSpan.FromMilliseconds(20);
        await using var a = await RankingBot.StartAsync(_connector, _figures, prefix);
        await using var b = await RankingBot.StartAsync(_connector, _figures, prefix);
        var ids = await a.SeedSubscribedGroupsAsync(_connector.ServiceUrl, 40);

        // Both instances try to publish the same period at once: one wins.
        var outcomes = await Task.WhenAll(a.PublishAsync(March), b.PublishAsync(March));
        var started = Assert.Single(outcomes, o => o.Status == PublishStatus.Started);
        Assert.Single(outcomes, o => o.Status == PublishStatus.AlreadyPublished);

        await a.WaitForStateAsync(started.Announcement!.Id, AnnouncementState.Completed, Timeout);
        AssertExactlyOnce(ids, a.PartsOf(started.Announcement));
    }

    [Fact]
    public async Task Sends_respect_the_per_conversation_and_global_rate_limits()
    {
        // A tight global limit makes the pacing measurable with few conversations.
        var settings = new Dictionary<string, string?> { ["InvestBot:Ranking:GlobalPerSecond"] = "20", ["InvestBot:Ranking:WorkerConcurrency"] = "8" };
        await using var bot = await RankingBot.StartAsync(_connector, _figures, settings: settings);
        var ids = await bot.SeedSubscribedGroupsAsync(_connector.ServiceUrl, 30);
        var outcome = await bot.PublishAsync(March);
        await bot.WaitForStateAsync(outcome.Announcement!.Id, AnnouncementState.Completed, Timeout);
        var parts = bot.PartsOf(outcome.Announcement);

        var times = _connector.Posts.Select(p => p.At).OrderBy(t => t).ToList();
        Assert.Equal(30 * parts, times.Count);
        // Sends start 50 ms apart, so the whole run cannot be faster than 20 per second.
        var seconds = (times[^1] - times[0]).TotalSeconds;
        Assert.True((times.Count - 1) / seconds <= 20.5, $"{times.Count} posts in {seconds:0.00}s");
        // Arrival at the connector jitters (first connection, a loaded machine), so a single window may hold a few more.
        var busiest = BusiestSecond(times);
        Assert.InRange(busiest, 1, 25);
        // Several cards into one conversation are spaced by 1/7 s.
        if (parts > 1)
        {
            var oneConversation = _connector.PostsTo(ids[0]).Select(p => p.At).OrderBy(t => t).ToList();
            var gaps = oneConversation.Zip(oneConversation.Skip(1), (x, y) => y - x);
            Assert.All(gaps, g => Assert.True(g >= TimeSpan.FromMilliseconds(120), $"gap {g.TotalMilliseconds} ms"));
        }
    }

    /// <summary>The most posts arriving within any one second.</summary>
    private static int BusiestSecond(List<DateTimeOffset> sortedTimes) =>
        sortedTimes.Select((t, i) => sortedTimes.Skip(i).TakeWhile(u => u - t < TimeSpan.FromSeconds(1)).Count()).Max();

    [Fact]
    public async Task Two_instances_together_stay_within_the_bot_wide_rate_limit()
    {
        // A limit well below what one instance can send here, so two instances each taking the whole of it would show.
        var settings = new Dictionary<string, string?>
        {
            ["InvestBot:Ranking:GlobalPerSecond"] = "4", ["InvestBot:Ranking:WorkerConcurrency"] = "8", ["InvestBot:Ranking:HeartbeatSeconds"] = "1",
        };
        var prefix = TestTables.NewPrefix();
        await using var a = await RankingBot.StartAsync(_connector, _figures, prefix, settings);
        await using var b = await RankingBot.StartAsync(_connector, _figures, prefix, settings);
        await RankingBot.WaitUntilSharingAsync(Timeout, a, b);
        var ids = await a.SeedSubscribedGroupsAsync(_connector.ServiceUrl, 16);

        var outcome = await a.PublishAsync(March);
        await a.WaitForStateAsync(outcome.Announcement!.Id, AnnouncementState.Completed, TimeSpan.FromSeconds(60));

        var parts = a.PartsOf(outcome.Announcement);
        AssertExactlyOnce(ids, parts);
        var times = _connector.Posts.Select(p => p.At).OrderBy(t => t).ToList();
        var seconds = (times[^1] - times[0]).TotalSeconds;
        // Each instance's first send goes at once, so two pacers spread n posts over at least (n - 2) gaps; arrival jitters a little.
        Assert.True((times.Count - 2) / seconds <= 4.4, $"{times.Count} posts in {seconds:0.00}s");
        var busiest = BusiestSecond(times);
        Assert.InRange(busiest, 1, 8); // 2 × 2 per second, plus arrival jitter at the connector
    }

    [Fact]
    public async Task Schedule_occurrence_fires_once_across_two_instances()
    {
        var prefix = TestTables.NewPrefix();
        var publish = new Dictionary<string, string?> { ["InvestBot:Ranking:ScheduleMode"] = "Publish" };
        await using var a = await RankingBot.StartAsync(_connector, _figures, prefix, publish);
        await using var b = await RankingBot.StartAsync(_connector, _figures, prefix, publish);
        var ids = await a.SeedSubscribedGroupsAsync(_connector.ServiceUrl, 2);
        // 2023-04-06 09:00 Beijing: publishes March.
        var occurrence = new DateTimeOffset(2023, 4, 6, 9, 0, 0, TimeSpan.FromHours(8));
        var results = await Task.WhenAll(
            a.Service<ScheduledJobRunner>().FireAsync(a.Service<ScheduledPublication>(), occurrence, CancellationToken.None),
            b.Service<ScheduledJobRunner>().FireAsync(b.Service<ScheduledPublication>(), occurrence, CancellationToken.None));
        Assert.Single(results, r => r == FireOutcome.Ran);
        Assert.Single(results, r => r is FireOutcome.AlreadyDone or FireOutcome.HeldElsewhere);
        var fired = await a.WaitForStateAsync("2023-03.r0", AnnouncementState.Completed, Timeout);
        AssertExactlyOnce(ids, a.PartsOf(fired));
        Assert.Single(await a.Service<RankingAnnouncementStore>().ListAsync());
    }

    [Fact]
    public async Task The_cron_schedule_publishes_the_previous_month_once_across_two_running_instances()
    {
        var prefix = TestTables.NewPrefix();
        // Every second (6-field cron), so both instances' schedulers fire repeatedly while the test watches.
        var everySecond = new Dictionary<string, string?>
        {
            ["InvestBot:Ranking:ScheduleEnabled"] = "true",
            ["InvestBot:Ranking:PublishSchedule"] = "* * * * * *",
            ["InvestBot:Ranking:ScheduleMode"] = "Publish", // the office's setting to publish without a preview
        };
        await using var a = await RankingBot.StartAsync(_connector, _figures, prefix);
        var ids = await a.SeedSubscribedGroupsAsync(_connector.ServiceUrl, 3);
        var adminChat = "a:admin-personal";
        await a.Service<IConversationStore>().UpsertAsync(new ConversationRecord
        {
            ConversationId = adminChat, ConversationType = "personal", ServiceUrl = _connector.ServiceUrl, ChannelId = "msteams",
            UserAadObjectId = BotApp.AdminAadId, UserId = "29:admin", UserName = "合作办管理员",
        });
        await using var b = await RankingBot.StartAsync(_connector, _figures, prefix, everySecond);
        await using var c = await RankingBot.StartAsync(_connector, _figures, prefix, everySecond);

        var now = a.Service<OfficeClock>().LocalNow;
        var expected = Announcement.IdOf(new RankingPeriod(now.Year, now.Month).PreviousMonth, 0);
        var done = await a.WaitForStateAsync(expected, AnnouncementState.Completed, Timeout);
        // Let a few more occurrences fire on both instances: none of them may post again.
        await _connector.WaitForPostsAsync(_connector.Posts.Count + 2, Timeout);
        AssertExactlyOnce(ids, a.PartsOf(done));
        Assert.Single(await a.Service<RankingAnnouncementStore>().ListAsync());
        var notes = _connector.PostsTo(adminChat).Select(p => p.Activity.Value<string>("text")).ToList();
        Assert.Single(notes, n => n!.Contains("已按计划自动发布"));
        Assert.Contains(notes, n => n!.Contains("未重复发送"));
    }
}
