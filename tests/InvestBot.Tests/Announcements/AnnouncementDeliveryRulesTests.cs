using InvestBot.Ranking;
using InvestBot.Announcements;
using InvestBot.Scheduling;
using InvestBot.Teams;
using Xunit;

namespace InvestBot.Tests.Announcements;

[Trait("Category", "Unit")]
public sealed class AnnouncementDeliveryRulesTests
{
    [Fact]
    public void Retry_after_is_read_as_seconds_or_http_date()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), BotConnectorSender.RetryAfter(new Dictionary<string, IEnumerable<string>> { ["retry-after"] = ["3"] }));
        var date = DateTimeOffset.UtcNow.AddSeconds(30).ToString("R");
        var parsed = BotConnectorSender.RetryAfter(new Dictionary<string, IEnumerable<string>> { ["Retry-After"] = [date] });
        Assert.InRange(parsed!.Value.TotalSeconds, 25, 31);
        Assert.Null(BotConnectorSender.RetryAfter(new Dictionary<string, IEnumerable<string>>()));
        Assert.Null(BotConnectorSender.RetryAfter(new Dictionary<string, IEnumerable<string>> { ["Retry-After"] = ["soon"] }));
    }

    [Fact]
    public void Backoff_honours_retry_after_and_grows_exponentially_up_to_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryBackoff.Delay(1, TimeSpan.FromSeconds(7), 60));
        Assert.Equal(TimeSpan.FromSeconds(60), RetryBackoff.Delay(1, TimeSpan.FromSeconds(600), 60));
        Assert.InRange(RetryBackoff.Delay(1, null, 60).TotalSeconds, 0.8, 1.2);
        Assert.InRange(RetryBackoff.Delay(4, null, 60).TotalSeconds, 6.4, 9.6);
        Assert.InRange(RetryBackoff.Delay(20, null, 60).TotalSeconds, 48, 72);
    }

    [Fact]
    public void Queue_name_is_a_valid_lower_case_name_per_environment()
    {
        Assert.Equal("tabc123-ranking-delivery", DeliveryQueue.NameFor("tAbc123", "ranking-delivery"));
        Assert.Equal("ranking-delivery", DeliveryQueue.NameFor("", "ranking-delivery"));
        Assert.True(DeliveryQueue.NameFor(new string('a', 70), "ranking-delivery").Length <= 63);
    }

    [Fact]
    public void Default_schedule_fires_after_the_reporting_window_in_Beijing_time()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var cron = CronSchedule.Parse("InvestBot:Ranking:PublishSchedule", new RankingOptions().PublishSchedule, zone).Schedule!;
        var next = cron.Next(new DateTimeOffset(2023, 4, 1, 0, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateTimeOffset(2023, 4, 6, 9, 0, 0, TimeSpan.FromHours(8)), next);
        Assert.Equal(TimeSpan.FromHours(8), next.Offset);
    }
}
