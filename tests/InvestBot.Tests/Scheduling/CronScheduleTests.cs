using InvestBot.Scheduling;
using Xunit;

namespace InvestBot.Tests.Scheduling;

[Trait("Category", "Unit")]
public sealed class CronScheduleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset April3 = new(2023, 4, 3, 10, 0, 0, TimeSpan.FromHours(8));

    private static CronSchedule Parse(string text) => CronSchedule.Parse("Test:Key", text, Shanghai).Schedule!;

    [Fact]
    public void Five_fields_are_minutes_six_fields_start_with_seconds_both_in_office_time()
    {
        Assert.Equal(new DateTimeOffset(2023, 4, 4, 9, 0, 0, TimeSpan.FromHours(8)), Parse("0 9 * * *").Next(April3));
        Assert.Equal(April3.AddSeconds(30), Parse("30 * * * * *").Next(April3));
        Assert.Equal(new DateTimeOffset(2023, 4, 4, 0, 0, 0, TimeSpan.FromHours(8)), Parse("@daily").Next(April3));
    }

    [Theory]
    [InlineData("every morning")]
    [InlineData("0 25 * * *")]
    [InlineData("0 9 * *")]
    [InlineData("1 2 3 4 5 6 7")]
    public void A_bad_expression_is_an_error_naming_the_key_in_Chinese_and_English(string text)
    {
        var (schedule, error) = CronSchedule.Parse("InvestBot:Reporting:ReminderCron", text, Shanghai);

        Assert.Null(schedule);
        Assert.Contains("配置项 InvestBot:Reporting:ReminderCron 的定时表达式", error);
        Assert.Contains("Configuration key InvestBot:Reporting:ReminderCron: invalid cron expression", error);
        Assert.Contains(text, error);
    }

    [Fact]
    public void Latest_is_the_newest_occurrence_in_the_half_open_interval()
    {
        var daily = Parse("0 9 * * *");
        var nine = new DateTimeOffset(2023, 4, 3, 9, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(nine, daily.Latest(nine.AddDays(-3), April3));
        Assert.Equal(nine, daily.Latest(nine.AddSeconds(-1), nine));
        Assert.Null(daily.Latest(nine, April3));
        Assert.Null(daily.Latest(April3, nine));
    }

    [Fact]
    public void A_date_that_never_comes_has_no_next_occurrence()
    {
        Assert.Null(Parse("0 9 30 2 *").Next(April3));
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 9, 0, 0, TimeSpan.FromHours(8)), Parse("0 9 29 2 *").Next(April3));
    }
}
