using Microsoft.Extensions.Time.Testing;
using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Xunit;

namespace InvestBot.Tests.Reporting;

[Trait("Category", "Unit")]
public sealed class FigureRulesTests
{
    private static readonly MetricCatalog Catalog = MetricCatalog.Load(Path.Combine(AppContext.BaseDirectory, "Data", "metrics.json"));
    private static readonly Metric Projects = Catalog.Find("domesticProjects")!;
    private static readonly Metric Capital = Catalog.Find("domesticCapital")!;
    private static readonly Unit Chaoyang = new("town-chaoyang", "潮阳街道", "town", Array.Empty<string>(), true, null);

    [Theory]
    [InlineData("1.5亿", 15000)]
    [InlineData("8000万", 8000)]
    [InlineData("80,000", 80000)]
    [InlineData("１．５亿元", 15000)]
    [InlineData("1500.5", 1500.5)]
    public void Amounts_in_the_monthly_form_are_read_as_people_write_them_in_the_metrics_unit(string input, decimal expected)
    {
        var (value, error) = FigureValidator.ParseValue(Capital, input);
        Assert.Null(error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("abc", "请输入数字")]
    [InlineData("十二", "请输入数字")]
    [InlineData("-3", "不能为负数")]
    [InlineData("1e308", "请输入数字")]
    [InlineData("1E+308", "请输入数字")]
    [InlineData("NaN", "请输入数字")]
    [InlineData("Infinity", "请输入数字")]
    [InlineData("1,000", "超出合理范围")] // read as 1000 (as on the target card), more than a town can start
    [InlineData("", "必填")]
    [InlineData("   ", "必填")]
    [InlineData(null, "必填")]
    [InlineData("3.5", "必须是整数")]
    [InlineData("501", "超出合理范围")]
    [InlineData("99999999999999999999999999999", "超出合理范围")]
    public void Bad_project_counts_are_refused_with_a_message(string? input, string expected)
    {
        var (_, error) = FigureValidator.ParseValue(Projects, input);

        Assert.NotNull(error);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData(" 12 ", 12)]
    [InlineData("500", 500)]
    [InlineData("3.0", 3)]
    public void Good_project_counts_are_accepted(string input, int expected)
    {
        var (value, error) = FigureValidator.ParseValue(Projects, input);

        Assert.Null(error);
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Money_allows_two_decimals_but_not_three()
    {
        Assert.Equal((1234.56m, (string?)null), FigureValidator.ParseValue(Capital, "1234.56"));
        Assert.Contains("2 位小数", FigureValidator.ParseValue(Capital, "1.234").Error);
    }

    [Fact]
    public void A_form_with_a_missing_field_or_a_part_larger_than_its_whole_is_invalid_and_yields_no_values()
    {
        var metrics = Catalog.ForKind("town");
        var raw = metrics.ToDictionary(m => m.Id, m => (string?)"1");
        raw["domesticProjects100m"] = "2";
        raw.Remove("teamSize");

        var result = FigureValidator.Validate(metrics, raw);

        Assert.False(result.IsValid);
        Assert.Empty(result.Values);
        Assert.Contains("必填", result.Errors["teamSize"]);
        Assert.Contains("不能大于", result.Errors["domesticProjects100m"]);
    }

    [Fact]
    public void Each_kind_reports_its_own_metrics()
    {
        Assert.Equal(11, Catalog.ForKind("town").Count);
        Assert.Equal(new[] { "groupInvestment", "groupEnterprises" }, Catalog.ForKind("outboundGroup").Select(m => m.Id));
        Assert.DoesNotContain(Catalog.ForKind("department"), m => m.Id == "marketEntities");
    }

    private static ReportingWindow Window(FakeTimeProvider time, int start = 1, int end = 5) =>
        new(Options.Create(new ReportingOptions { WindowStartDay = start, WindowEndDay = end }),
            new OfficeClock(time, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

    [Fact]
    public void The_window_runs_from_the_first_to_the_fifth_of_the_next_month_in_Beijing_time()
    {
        var march = new ReportingMonth(2023, 3);
        var time = TestClock.AtBeijing(2023, 3, 31, 23);
        var window = Window(time);
        Assert.Equal(WindowState.NotFinished, window.StateOf(march));

        time.AdjustTime(TestClock.Beijing(2023, 4, 1, 0));
        Assert.Equal(WindowState.Open, window.StateOf(march));
        Assert.Equal(march, window.DefaultMonth);

        time.AdjustTime(TestClock.Beijing(2023, 4, 5, 23));
        Assert.Equal(WindowState.Open, window.StateOf(march));

        // 2023-04-05 16:30 UTC is already 4月6日 00:30 in Beijing.
        time.AdjustTime(new DateTimeOffset(2023, 4, 5, 16, 30, 0, TimeSpan.Zero));
        Assert.Equal(WindowState.Closed, window.StateOf(march));
        Assert.Equal(new DateTimeOffset(2023, 4, 5, 16, 0, 0, TimeSpan.Zero), window.ClosesAt(march));
    }

    [Fact]
    public void The_window_is_configurable()
    {
        var window = Window(TestClock.AtBeijing(2023, 4, 2), start: 3, end: 10);
        Assert.Equal(WindowState.NotYetOpen, window.StateOf(new ReportingMonth(2023, 3)));
        Assert.Equal(new DateOnly(2023, 4, 10), window.Deadline(new ReportingMonth(2023, 3)));
    }

    [Fact]
    public void Submission_policy_checks_binding_window_and_reopening()
    {
        var march = new ReportingMonth(2023, 3);
        var deadline = new DateOnly(2023, 4, 5);
        SubmissionDecision Decide(bool admin, string? bound, WindowState state, bool reopened = false) =>
            SubmissionPolicy.Decide(admin, bound, Chaoyang, march, state, new DateOnly(2023, 4, 1), deadline, reopened);

        Assert.Contains("还没有绑定", Decide(false, null, WindowState.Open).Reason);
        Assert.Contains("不能替其他单位", Decide(false, "town-baoping", WindowState.Open).Reason);
        Assert.Equal(SubmissionDecision.Allow(false), Decide(false, "town-chaoyang", WindowState.Open));
        Assert.Contains("截止并锁定", Decide(false, "town-chaoyang", WindowState.Closed).Reason);
        Assert.Equal(SubmissionDecision.Allow(true), Decide(false, "town-chaoyang", WindowState.Closed, reopened: true));
        Assert.Equal(SubmissionDecision.Allow(true), Decide(true, null, WindowState.Closed));
        Assert.False(Decide(true, null, WindowState.NotFinished).Allowed);
        Assert.Equal("2023年3月尚未结束，4月1日起可填报。", Decide(true, null, WindowState.NotFinished).Reason);
    }

    [Theory]
    [InlineData("3月数据", "2023-03")]
    [InlineData(" 2023-02", "2023-02")]
    [InlineData("2022年12月", "2022-12")]
    [InlineData(" 202303", "2023-03")]
    [InlineData("2023/3月", "2023-03")]
    public void Months_in_commands_are_read_relative_to_today(string text, string expected)
    {
        var (found, month) = MonthInText.Find(text, new DateOnly(2023, 4, 3));
        Assert.True(found);
        Assert.Equal(expected, month?.Key);
    }

    [Theory]
    [InlineData("13月")]
    [InlineData("2023-13")]
    public void Impossible_months_are_found_but_invalid(string text)
    {
        Assert.Equal((true, (ReportingMonth?)null), MonthInText.Find(text, new DateOnly(2023, 4, 3)));
    }

    [Fact]
    public void Year_to_date_adds_cumulative_months_and_takes_the_latest_stock()
    {
        var metrics = new[] { Projects, Catalog.Find("teamSize")! };
        SavedFigures Month(int m, decimal projects, decimal team) => new("town-chaoyang", new ReportingMonth(2023, m),
            new Dictionary<string, decimal> { ["domesticProjects"] = projects, ["teamSize"] = team }, 1, false, "u", "张三", DateTimeOffset.UtcNow);
        var year = new[] { Month(1, 2, 5), Month(2, 3, 6), Month(3, 1, 7), Month(4, 9, 9) };

        var progress = UnitYearProgress.Compute(metrics, new ReportingMonth(2023, 3), year, new Dictionary<string, decimal> { ["domesticProjects"] = 8 });

        Assert.Equal((1m, 6m, 8m, 75.0m), (progress[0].Month!.Value, progress[0].YearToDate, progress[0].Target!.Value, progress[0].PercentOfTarget!.Value));
        Assert.Equal(7m, progress[1].YearToDate);
        Assert.Null(progress[1].PercentOfTarget);
    }
}
