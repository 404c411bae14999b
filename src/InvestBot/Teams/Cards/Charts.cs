using Newtonsoft.Json.Linq;

namespace InvestBot.Teams.Cards;

/// <summary>One bar or slice: a label and its value.</summary>
public sealed record ChartPoint(string Label, decimal Value, string? Color = null);

/// <summary>One line of a line chart: its legend and its points (x, y).</summary>
public sealed record ChartSeries(string Legend, IReadOnlyList<(string X, decimal Y)> Points, string? Color = null);

/// <summary>
/// Chart elements Teams draws inside an Adaptive Card (Microsoft Learn, “Charts in Adaptive Cards”:
/// Chart.HorizontalBar, Chart.VerticalBar, Chart.Line, Chart.Donut, Chart.Gauge). They are not in the Adaptive Card 1.5
/// schema, so every chart carries a <c>fallback</c> element — the table or text the card showed before — which clients
/// that cannot draw charts (older Teams, the Agents Playground if it does not) render instead. Values are plain numbers.
/// </summary>
public static class Charts
{
    public const string HorizontalBarType = "Chart.HorizontalBar";
    public const string VerticalBarType = "Chart.VerticalBar";
    public const string LineType = "Chart.Line";
    public const string DonutType = "Chart.Donut";
    public const string GaugeType = "Chart.Gauge";

    /// <summary>Bars laid out horizontally, one per label (x: the label, y: the value).</summary>
    public static JObject HorizontalBar(string title, IEnumerable<ChartPoint> points, JObject fallback, string? xAxisTitle = null, string? yAxisTitle = null)
    {
        var chart = Element(HorizontalBarType, title, fallback);
        chart["data"] = new JArray(points.Select(Bar));
        chart["displayMode"] = "AbsoluteWithAxis";
        if (xAxisTitle is not null) chart["xAxisTitle"] = xAxisTitle;
        if (yAxisTitle is not null) chart["yAxisTitle"] = yAxisTitle;
        return chart;
    }

    public static JObject VerticalBar(string title, IEnumerable<ChartPoint> points, JObject fallback, string? xAxisTitle = null, string? yAxisTitle = null)
    {
        var chart = Element(VerticalBarType, title, fallback);
        chart["data"] = new JArray(points.Select(Bar));
        chart["showBarValues"] = true;
        if (xAxisTitle is not null) chart["xAxisTitle"] = xAxisTitle;
        if (yAxisTitle is not null) chart["yAxisTitle"] = yAxisTitle;
        return chart;
    }

    public static JObject Line(string title, IEnumerable<ChartSeries> series, JObject fallback, string? xAxisTitle = null, string? yAxisTitle = null)
    {
        var chart = Element(LineType, title, fallback);
        chart["data"] = new JArray(series.Select(s =>
        {
            var line = new JObject
            {
                ["legend"] = s.Legend,
                ["values"] = new JArray(s.Points.Select(p => new JObject { ["x"] = p.X, ["y"] = Number(p.Y) })),
            };
            if (s.Color is not null) line["color"] = s.Color;
            return line;
        }));
        if (xAxisTitle is not null) chart["xAxisTitle"] = xAxisTitle;
        if (yAxisTitle is not null) chart["yAxisTitle"] = yAxisTitle;
        return chart;
    }

    public static JObject Donut(string title, IEnumerable<ChartPoint> slices, JObject fallback)
    {
        var chart = Element(DonutType, title, fallback);
        chart["data"] = new JArray(slices.Select(s =>
        {
            var slice = new JObject { ["legend"] = s.Label, ["value"] = Number(s.Value) };
            if (s.Color is not null) slice["color"] = s.Color;
            return slice;
        }));
        return chart;
    }

    /// <summary>A value on a scale from <paramref name="min"/> to <paramref name="max"/>, the scale coloured by segments.</summary>
    public static JObject Gauge(string title, decimal value, decimal min, decimal max, IEnumerable<ChartPoint> segments, JObject fallback,
        string? subLabel = null)
    {
        var chart = Element(GaugeType, title, fallback);
        chart["value"] = Number(value);
        chart["min"] = Number(min);
        chart["max"] = Number(max);
        chart["valueFormat"] = "Percentage";
        chart["segments"] = new JArray(segments.Select(s =>
        {
            var segment = new JObject { ["size"] = Number(s.Value), ["legend"] = s.Label };
            if (s.Color is not null) segment["color"] = s.Color;
            return segment;
        }));
        if (subLabel is not null) chart["subLabel"] = subLabel;
        return chart;
    }

    private static JObject Element(string type, string title, JObject fallback) => new()
    {
        ["type"] = type,
        ["title"] = title,
        ["fallback"] = fallback,
    };

    private static JObject Bar(ChartPoint p)
    {
        var bar = new JObject { ["x"] = p.Label, ["y"] = Number(p.Value) };
        if (p.Color is not null) bar["color"] = p.Color;
        return bar;
    }

    /// <summary>Numbers as JSON numbers with at most two decimals (no 0.1234567 in a chart label).</summary>
    private static JToken Number(decimal value) => new JValue((double)Math.Round(value, 2));
}
