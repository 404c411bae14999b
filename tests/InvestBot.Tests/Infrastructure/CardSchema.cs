using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Infrastructure;

/// <summary>Validates Adaptive Cards against the official 1.5 schema (Teams renders up to 1.5).</summary>
public static class CardSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFileAsync(RepoPaths.TestData("schemas", "adaptive-card-1.5.schema.json")).GetAwaiter().GetResult());

    public static ICollection<ValidationError> Validate(JToken card) => Schema.Value.Validate(WithoutCharts(card).ToString());

    /// <summary>
    /// The chart elements Teams draws (not in the 1.5 schema), as Microsoft Learn defines them: “Charts in Adaptive Cards”,
    /// https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/charts-in-adaptive-cards —
    /// each element's properties, which are required, and the properties of its data items. Only these five types are
    /// accepted, each checked against its definition and required to carry a fallback element, which is then validated
    /// against the 1.5 schema in the chart's place (what a client without charts shows).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, ChartDefinition> ChartDefinitions = new Dictionary<string, ChartDefinition>
    {
        ["Chart.HorizontalBar"] = new(["data"], ["color", "colorSet", "displayMode", "xAxisTitle", "yAxisTitle"], "data", ["x", "y"], ["color"]),
        ["Chart.VerticalBar"] = new(["data"], ["color", "colorSet", "showBarValues", "xAxisTitle", "yAxisTitle"], "data", ["x", "y"], ["color"]),
        ["Chart.Line"] = new(["data"], ["colorSet", "xAxisTitle", "yAxisTitle", "yMin", "yMax"], "data", ["legend", "values"], ["color"]),
        ["Chart.Donut"] = new(["data"], ["colorSet", "thickness", "showOutlines"], "data", ["value"], ["legend", "color"]),
        ["Chart.Gauge"] = new(["value"], ["colorSet", "min", "max", "segments", "subLabel", "showLegend", "showMinMax", "valueFormat"],
            "segments", ["size"], ["legend", "color"]),
    };

    /// <summary>Properties every chart element may have (the common element properties of the same page).</summary>
    private static readonly string[] CommonChartProperties =
        ["type", "fallback", "grid.area", "height", "horizontalAlignment", "id", "isVisible", "lang", "requires", "separator", "spacing", "targetWidth", "title", "showTitle"];

    public sealed record ChartDefinition(string[] Required, string[] Optional, string ItemsProperty, string[] ItemRequired, string[] ItemOptional);

    /// <summary>The card with every chart checked against its definition and replaced by its fallback.</summary>
    public static JToken WithoutCharts(JToken card)
    {
        var copy = card.DeepClone();
        foreach (var chart in copy.SelectTokens("$..[?(@.type)]").OfType<JObject>()
                     .Where(o => o.Value<string>("type") is { } t && t.StartsWith("Chart.", StringComparison.Ordinal)).ToList())
        {
            AssertChart(chart);
            chart.Replace(chart["fallback"]!.DeepClone());
        }
        return copy;
    }

    public static void AssertChart(JObject chart)
    {
        var type = chart.Value<string>("type")!;
        Assert.True(ChartDefinitions.TryGetValue(type, out var d), $"{type} is not one of the chart elements Teams documents");
        foreach (var p in d!.Required) Assert.True(chart[p] is not null, $"{type} lacks its required property {p}");
        foreach (var p in chart.Properties().Select(p => p.Name))
            Assert.True(CommonChartProperties.Contains(p) || d.Required.Contains(p) || d.Optional.Contains(p), $"{type} has no property {p}");
        Assert.True(chart["fallback"] is JObject { } f && f["type"] is not null, $"{type} has no fallback element");
        if (chart[d.ItemsProperty] is JArray items)
            foreach (var item in items.Cast<JObject>())
            {
                foreach (var p in d.ItemRequired) Assert.True(item[p] is not null, $"{type}.{d.ItemsProperty}[] lacks {p}: {item}");
                foreach (var p in item.Properties().Select(p => p.Name))
                    Assert.True(d.ItemRequired.Contains(p) || d.ItemOptional.Contains(p), $"{type}.{d.ItemsProperty}[] has no property {p}");
            }
        if (type == "Chart.Line")
            foreach (var v in chart["data"]!.SelectMany(s => s["values"]!))
                Assert.True(v["x"] is not null && v["y"]?.Type is JTokenType.Float or JTokenType.Integer, $"Chart.Line values are {{x, y}}: {v}");
        foreach (var y in chart.SelectTokens("data[*].y").Concat(chart.SelectTokens("data[*].value")).Concat(chart.SelectTokens("segments[*].size")))
            Assert.True(y.Type is JTokenType.Float or JTokenType.Integer, $"{type}: values are numbers, not {y.Type}");
    }

    public static void AssertValid(JToken card)
    {
        var errors = Validate(card);
        Assert.True(errors.Count == 0,
            "card does not validate against Adaptive Card 1.5:\n" + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")) + "\n" + card);
        Assert.Equal("1.5", card.Value<string>("version"));
        AssertButtonsWorkEverywhere(card);
    }

    /// <summary>
    /// Every button works in Teams and in the Agents Playground: Action.Execute (our verbs, Card.Say) and Action.OpenUrl.
    /// imBack (Action.Submit with msteams data) does nothing in the Playground, so no card may carry one.
    /// </summary>
    public static void AssertButtonsWorkEverywhere(JToken card)
    {
        var kinds = card.SelectTokens("$..type").Select(t => t.ToString()).Where(t => t.StartsWith("Action.", StringComparison.Ordinal) || t == "imBack");
        foreach (var kind in kinds)
            Assert.True(kind is "Action.Execute" or "Action.OpenUrl" or "Action.ToggleVisibility" or "Action.ShowCard",
                $"card has a {kind} button, which does not work in both Teams and the Agents Playground:\n{card}");
    }
}
