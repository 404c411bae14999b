using InvestBot.Common;
using InvestBot.KeyProjects;
using InvestBot.Reporting;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>The one normaliser in front of the parsers of months, quarters, years and amounts.</summary>
[Trait("Category", "Unit")]
public sealed class TypedTextTests
{
    [Theory]
    [InlineData("２０２３－０３", "2023-03")]
    [InlineData("２０２３年３月", "2023年3月")]
    [InlineData("２０２３Ｑ１", "2023Q1")]
    [InlineData("８，０００．５万", "8,000.5万")]
    [InlineData("٢٠٢٣-٠٣", "2023-03")]       // Arabic-Indic
    [InlineData("२०२३/०३", "2023/03")]       // Devanagari
    [InlineData("2023\u30003月", "2023 3月")] // ideographic space
    [InlineData("潮阳街道 2023-03", "潮阳街道 2023-03")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Digits_and_punctuation_become_ascii(string? typed, string expected) =>
        Assert.Equal(expected, TypedText.Normalize(typed));

    [Fact]
    public void Plain_text_is_returned_as_it_is()
    {
        const string text = "填报情况 2023-03";
        Assert.Same(text, TypedText.Normalize(text));
    }

    [Theory]
    [InlineData("２０２３－０３", 2023, 3)]
    [InlineData("２０２３年１２月", 2023, 12)]
    [InlineData("٢٠٢٣-٠٣", 2023, 3)]
    public void Months_parse_from_any_digits(string text, int year, int month)
    {
        Assert.Equal(new ReportingMonth(year, month), ReportingMonth.TryParse(text));
        Assert.Equal(new ReportingMonth(year, month), MonthInText.Find("填报情况 " + text, new DateOnly(2024, 6, 1)).Month);
    }

    [Theory]
    [InlineData("２０２３Ｑ１", 2023, 1)]
    [InlineData("２０２３年第４季度", 2023, 4)]
    public void Quarters_parse_from_any_digits(string text, int year, int quarter) =>
        Assert.Equal(new ReportQuarter(year, quarter), ReportQuarter.Find(text, new DateOnly(2024, 6, 1)).Quarter);

    [Theory]
    [InlineData("２０２３-１３")]
    [InlineData("99999999999999999999-01")]
    public void Impossible_months_are_null_not_exceptions(string text) => Assert.Null(ReportingMonth.TryParse(text));

    [Fact]
    public void Key_lookups_stay_strict()
    {
        Assert.Null(ReportQuarter.TryParseKey("２０２３Ｑ１"));
        Assert.Equal(new ReportQuarter(2023, 1), ReportQuarter.TryParseKey("2023Q1"));
    }
}
