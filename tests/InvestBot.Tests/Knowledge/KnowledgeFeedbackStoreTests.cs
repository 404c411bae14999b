using InvestBot.Knowledge;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace InvestBot.Tests.Knowledge;

/// <summary>The feedback and gap tables on a real Azurite, each test under its own table prefix.</summary>
[Trait("Category", "Integration")]
public sealed class KnowledgeFeedbackStoreTests
{
    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Unanswered_questions_come_back_newest_first_and_limited()
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var store = new KnowledgeFeedbackStore(await TestTables.NewProviderAsync(), clock);
        foreach (var q in new[] { "第一个问题", "第二个问题", "第三个问题" })
        {
            await store.LogUnansweredAsync([new UnansweredQuestion(q, "user-1", "NotFound", clock.Now)]);
            clock.Now = clock.Now.AddMinutes(1);
        }

        var recent = await store.RecentUnansweredAsync(2);
        Assert.Equal(["第三个问题", "第二个问题"], recent.Select(r => r.Question));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 8, 2, 0, TimeSpan.Zero), recent[0].At);
    }

    [Fact]
    public async Task The_background_log_keeps_the_time_asked_and_writes_what_is_pending_when_the_app_stops()
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var store = new KnowledgeFeedbackStore(await TestTables.NewProviderAsync(), clock);
        var log = new UnansweredQuestionLog(store, clock, NullLogger<UnansweredQuestionLog>.Instance);

        // Queued before the writer runs (as in a turn while storage is slow); written later, with the time asked.
        log.Add("食堂几点开饭", "user-1", "NotFound");
        clock.Now = clock.Now.AddMinutes(1);
        log.Add("招商工作", "user-2", "Suggestions");
        clock.Now = clock.Now.AddHours(1);
        Assert.Empty(await store.RecentUnansweredAsync(10));

        await log.StartAsync(CancellationToken.None);
        await log.StopAsync(CancellationToken.None);

        var stored = await store.RecentUnansweredAsync(10);
        Assert.Equal([("招商工作", "user-2", "Suggestions"), ("食堂几点开饭", "user-1", "NotFound")],
            stored.Select(q => (q.Question, q.UserId, q.Outcome)));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 8, 1, 0, TimeSpan.Zero), stored[0].At);
    }

    [Fact]
    public async Task Text_with_odata_and_key_special_characters_is_stored_verbatim()
    {
        var store = new KnowledgeFeedbackStore(await TestTables.NewProviderAsync(), TimeProvider.System);
        const string nasty = "' or 1 eq 1 -- /#?\\ 第22条";

        await store.LogUnansweredAsync([new UnansweredQuestion(nasty, "29:user/with#odd?chars", "Suggestions", DateTimeOffset.UtcNow)]);
        await store.AddFeedbackAsync(nasty, 22, helpful: false, "29:user/with#odd?chars");

        Assert.Equal(nasty, Assert.Single(await store.RecentUnansweredAsync(10)).Question);
        var feedback = Assert.Single(await store.AllFeedbackAsync());
        Assert.Equal((nasty, 22, false), (feedback.Question, feedback.Article, feedback.Helpful));
        Assert.Equal(new FeedbackCounts(0, 1), await store.CountsAsync());
    }

    [Fact]
    public async Task Two_votes_in_the_same_instant_are_both_kept()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddYears(54));
        var store = new KnowledgeFeedbackStore(await TestTables.NewProviderAsync(), clock);

        await store.AddFeedbackAsync("外资", 2, helpful: true, "a");
        await store.AddFeedbackAsync("外资", 2, helpful: true, "b");

        Assert.Equal(new FeedbackCounts(2, 0), await store.CountsAsync());
    }
}
