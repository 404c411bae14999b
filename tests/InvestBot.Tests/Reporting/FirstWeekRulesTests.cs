using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>The parsing rules of the office's first week: months without a year, amounts with 亿/万, what a year-to-date is made of.</summary>
[Trait("Category", "Unit")]
public sealed class FirstWeekRulesTests
{
    private static readonly MetricCatalog Catalog = MetricCatalog.Load(RepoPaths.SourceData("metrics.json"));
    private static readonly Metric Capital = Catalog.Find("domesticCapital")!;
    private static readonly Metric ForeignCapital = Catalog.Find("foreignCapital")!;
    private static readonly Metric Projects = Catalog.Find("domesticProjects")!;
    private static readonly Metric Headquarters = Catalog.Find("hqEnterprises")!;

    [Theory]
    // 29 November 2026: November has not ended; it is this year's November, never last year's.
    [InlineData("2026-11-29", "11月", "2026-11")]
    [InlineData("2026-11-29", "填报10月数据", "2026-10")]
    [InlineData("2026-11-29", "1月", "2026-01")]
    // January: "12月" is the month being reported now, last year's.
    [InlineData("2027-01-03", "12月", "2026-12")]
    [InlineData("2023-04-03", "3月数据", "2023-03")]
    [InlineData("2023-04-03", "2022年5月", "2022-05")]
    public void A_month_number_means_this_year_unless_it_is_the_month_being_reported(string today, string text, string expected)
    {
        var mention = MonthInText.Read(text, DateOnly.Parse(today));

        Assert.True(mention.Found);
        Assert.False(mention.IsAmbiguous);
        Assert.Equal(expected, mention.Month?.Key);
    }

    [Theory]
    [InlineData("2026-11-29", "12月", "2025-12", "2026-12")]
    [InlineData("2023-04-03", "5月", "2022-05", "2023-05")]
    [InlineData("2027-02-10", "12月", "2026-12", "2027-12")]
    public void A_later_month_number_without_a_year_is_ambiguous_and_asked_about(string today, string text, string past, string future)
    {
        var mention = MonthInText.Read(text, DateOnly.Parse(today));

        Assert.True(mention.IsAmbiguous);
        Assert.Null(mention.Month);
        Assert.Equal(new[] { past, future }, mention.Candidates.Select(c => c.Key));
        Assert.Equal((true, (ReportingMonth?)null), MonthInText.Find(text, DateOnly.Parse(today)));
    }

    [Theory]
    [InlineData("8亿", 80000, "8亿 → 80000 万元")]
    [InlineData("8亿元", 80000, "8亿元 → 80000 万元")]
    [InlineData("1.2亿", 12000, "1.2亿 → 12000 万元")]
    [InlineData("8000万", 8000, "8000万 → 8000 万元")]
    [InlineData("8000万元", 8000, "8000万元 → 8000 万元")]
    [InlineData("8千万", 8000, "8千万 → 8000 万元")]
    [InlineData("80,000", 80000, "80,000 → 80000 万元")]
    [InlineData("80，000.5", 80000.5, "80，000.5 → 80000.5 万元")]
    [InlineData("5000000元", 500, "5000000元 → 500 万元")]
    [InlineData("80000", 80000, null)]
    [InlineData(" 80000.25 ", 80000.25, null)]
    public void Amounts_in_yuan_are_read_with_yi_and_wan_and_separators_and_the_conversion_is_echoed(string text, decimal expected, string? echo)
    {
        var parsed = AmountText.Parse(text, Capital, Capital.Max * 12);

        Assert.Null(parsed.Error);
        Assert.Equal(expected, parsed.Value);
        Assert.Equal(echo, parsed.Conversion);
    }

    [Theory]
    [InlineData("500万美元", 500)]
    [InlineData("1亿美元", 10000)]
    [InlineData("600", 600)]
    public void Dollar_amounts_are_read_in_wan_dollars(string text, decimal expected) =>
        Assert.Equal((expected, (string?)null), (AmountText.Parse(text, ForeignCapital, 1_000_000).Value, AmountText.Parse(text, ForeignCapital, 1_000_000).Error));

    [Theory]
    [InlineData("8亿美元", "不能写“美元”")]
    [InlineData("8,00", "千分位逗号的位置不对")]
    [InlineData("-5", "不能为负数")]
    [InlineData("", "必填")]
    [InlineData("八亿", "请输入数字")]
    [InlineData("1e8", "请输入数字")]
    [InlineData("1元", "最多保留 2 位小数")]
    [InlineData("3000亿", "超出合理范围")]
    public void Wrong_amounts_get_a_message_that_says_what_is_wrong(string text, string message) =>
        Assert.Contains(message, AmountText.Parse(text, Capital, Capital.Max * 12).Error);

    [Fact]
    public void Counts_take_wan_as_a_multiplier_and_only_their_own_unit_word()
    {
        Assert.Equal((30m, (string?)null), (AmountText.Parse("30家", Headquarters, 36000).Value, AmountText.Parse("30家", Headquarters, 36000).Error));
        Assert.Equal(10000m, AmountText.Parse("1万", Headquarters, 36000).Value);
        Assert.Contains("不能写“个”", AmountText.Parse("30个", Headquarters, 36000).Error);
        Assert.Contains("必须是整数", AmountText.Parse("2.5", Projects, 6000).Error);
    }

    [Theory]
    [InlineData("", "必填")]
    [InlineData("-1", "不能为负数")]
    [InlineData("3家", "不能写“家”")]
    public void An_empty_field_and_a_negative_one_get_different_messages(string text, string message)
    {
        var (_, error) = FigureValidator.ParseValue(Projects, text);

        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("3个", 3)]
    [InlineData("１２", 12)]
    public void The_monthly_form_reads_counts_as_people_write_them(string text, int expected)
    {
        // Issue 21: separators and the metric's own unit word, as the target cards accept them.
        var (value, error) = FigureValidator.ParseValue(Projects, text);

        Assert.Null(error);
        Assert.Equal(expected, value);
    }

    [Fact]
    public void A_thousands_separator_is_read_and_the_range_still_checked()
    {
        var (_, error) = FigureValidator.ParseValue(Projects, "1,000");

        Assert.Equal("1,000 → 1000 个，超出合理范围（0–500 个），请核对", error);
    }

    [Fact]
    public void Year_to_date_starts_from_the_opening_balance_and_never_adds_a_month_inside_it()
    {
        var opening = new OpeningBalance("town-chaoyang", 2026, 5, new Dictionary<string, decimal> { ["domesticProjects"] = 10 }, 1, "a", "王主任", DateTimeOffset.UtcNow);
        SavedFigures Month(int m, decimal projects, decimal team) => new("town-chaoyang", new ReportingMonth(2026, m),
            new Dictionary<string, decimal> { ["domesticProjects"] = projects, ["teamSize"] = team }, 1, false, "u", "张三", DateTimeOffset.UtcNow);
        var months = new[] { Month(4, 99, 3), Month(6, 2, 6), Month(8, 1, 7) };
        var metrics = new[] { Projects, Catalog.Find("teamSize")! };

        var at8 = UnitYearProgress.Compute(metrics, new ReportingMonth(2026, 8), months, new Dictionary<string, decimal> { ["domesticProjects"] = 26 }, opening);
        var at4 = UnitYearProgress.Compute(metrics, new ReportingMonth(2026, 4), months, new Dictionary<string, decimal>(), opening);

        Assert.Equal((13m, 50.0m), (at8[0].YearToDate, at8[0].PercentOfTarget!.Value));
        Assert.Equal(7m, at8[1].YearToDate); // a 时点数 is the latest month, with or without a balance
        Assert.Equal(0m, at4[0].YearToDate); // before the month the balance runs to, it does not count (and April is inside it)
        Assert.Equal("1—5月期初累计、6月、8月；7月未报", MonthCoverage.ForUnit(new ReportingMonth(2026, 8), months.Select(f => f.Month), opening));
        Assert.Equal("6月、8月；1—5月无数据（未录入期初累计）；7月未报", MonthCoverage.ForUnit(new ReportingMonth(2026, 8), months.Skip(1).Select(f => f.Month), null));
    }

    [Fact]
    public void A_rankings_coverage_names_the_first_month_with_data_and_which_units_start_where()
    {
        UnitMonthFigures Row(string unit, int month, bool opening = false) =>
            new(unit, 2026, month, new Dictionary<string, decimal>(), false, DateTimeOffset.UtcNow) { IsOpeningBalance = opening };

        Assert.Equal("2026年1—10月", MonthCoverage.ForRanking([Row("a", 1), Row("a", 10)], 2026, 10));
        Assert.Equal("2026年6—10月（1—5月无数据，1个单位7月起）", MonthCoverage.ForRanking([Row("a", 6), Row("b", 7)], 2026, 10));
        Assert.Equal("2026年1—10月（2个单位1—5月为期初累计，1个单位6月起）",
            MonthCoverage.ForRanking([Row("a", 5, opening: true), Row("b", 5, opening: true), Row("c", 6), Row("a", 6)], 2026, 10));
        Assert.Equal("2026年1月", MonthCoverage.ForRanking([], 2026, 1));
    }
}
