using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;
using Xunit.Sdk;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// The kernel's chart elements against their definitions in Microsoft Learn, “Charts in Adaptive Cards”
/// (https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/charts-in-adaptive-cards):
/// Chart.HorizontalBar / Chart.VerticalBar data [{x, y, color}], Chart.Line data [{legend, values: [{x, y}], color}],
/// Chart.Donut data [{legend, value, color}], Chart.Gauge value/min/max/segments [{size, legend, color}]/valueFormat.
/// The card validation accepts exactly these five types, each with a fallback that passes the 1.5 schema.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ChartsTests
{
    private static readonly JObject Fallback = Card.Text("（图表）");

    public static IEnumerable<object[]> EveryKind() =>
    [
        [Charts.HorizontalBar("得分", [new ChartPoint("1.潮阳街道", 98.5m), new ChartPoint("2.宝平街道", 90m)], Fallback, yAxisTitle: "得分")],
        [Charts.VerticalBar("完成率", [new ChartPoint("内资", 45.123m)], Fallback)],
        [Charts.Line("进度", [new ChartSeries("内资", [("1月", 8m), ("2月", 16.7m)]), new ChartSeries("序时进度", [("1月", 8.33m), ("2月", 16.67m)])], Fallback)],
        [Charts.Donut("阶段", [new ChartPoint("在谈", 3), new ChartPoint("投产", 1)], Fallback)],
        [Charts.Gauge("完成率", 45, 0, 150, [new ChartPoint("未完成", 100, "attention"), new ChartPoint("超额", 50, "good")], Fallback, "内资到位额")],
    ];

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_chart_kind_matches_its_definition_and_a_card_with_it_validates(JObject chart)
    {
        CardSchema.AssertChart(chart);
        var card = Card.Create([Card.Title("图表"), chart]);
        CardSchema.AssertValid(card);
        // Without charts the client shows the fallback in the chart's place.
        Assert.Equal("（图表）", CardSchema.WithoutCharts(card)["body"]![1]!.Value<string>("text"));
    }

    [Fact]
    public void The_validation_refuses_unknown_chart_types_unknown_properties_missing_data_and_charts_without_fallback()
    {
        var bar = Charts.HorizontalBar("得分", [new ChartPoint("a", 1)], Fallback);
        Assert.ThrowsAny<XunitException>(() => CardSchema.AssertValid(Card.Create([Replace(bar, "type", "Chart.Radar")])));
        Assert.ThrowsAny<XunitException>(() => CardSchema.AssertValid(Card.Create([Replace(bar, "stacked", true)])));
        Assert.ThrowsAny<XunitException>(() => CardSchema.AssertValid(Card.Create([Without(bar, "data")])));
        Assert.ThrowsAny<XunitException>(() => CardSchema.AssertValid(Card.Create([Without(bar, "fallback")])));
        Assert.ThrowsAny<XunitException>(() => CardSchema.AssertValid(Card.Create([Replace(bar, "data", new JArray(new JObject { ["label"] = "a", ["y"] = 1 }))])));
        Assert.ThrowsAny<XunitException>(() => CardSchema.AssertValid(Card.Create([Replace(bar, "data", new JArray(new JObject { ["x"] = "a", ["y"] = "1" }))])));
        // A fallback that is not valid 1.5 fails like any other element.
        Assert.ThrowsAny<XunitException>(() => CardSchema.AssertValid(Card.Create([Replace(bar, "fallback", new JObject { ["type"] = "TextBlock" })])));
    }

    private static JObject Replace(JObject chart, string property, JToken value)
    {
        var copy = (JObject)chart.DeepClone();
        copy[property] = value;
        return copy;
    }

    private static JObject Without(JObject chart, string property)
    {
        var copy = (JObject)chart.DeepClone();
        copy.Remove(property);
        return copy;
    }
}
