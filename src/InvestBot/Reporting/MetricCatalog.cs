using System.Text.Json;

namespace InvestBot.Reporting;

/// <summary>One monthly figure a unit reports, from Data/metrics.json.</summary>
/// <param name="Cumulative">True: the year's result is the sum of the months; false: a stock, the latest month counts.</param>
public sealed record Metric(string Id, string Name, string Unit, IReadOnlyList<string> ReportedBy, bool Cumulative,
    decimal Min, decimal Max, int Decimals, int? Article)
{
    /// <summary>"其中" figures: the id of the metric this one is a part of (it may not exceed it).</summary>
    public string? PartOf { get; init; }

    /// <summary>Why this figure is part of <see cref="PartOf"/>: the article, or the office's reading of it.</summary>
    public string? PartOfSource { get; init; }

    /// <summary>Why the metric is (or is not) on the units' forms, when that is a reading (（十五）'s 链主 contacts are 区领导's duty).</summary>
    public string? ReportedBySource { get; init; }

    /// <summary>The name a kind of unit sees, where the document words it per kind (（七）行业招商队伍 / （八）专业招商队伍).</summary>
    public IReadOnlyDictionary<string, string> KindNames { get; init; } = new Dictionary<string, string>();

    public string? KindNamesSource { get; init; }

    /// <summary>What one month's figure is: 当月新增 (added up over the year) or 时点数 (a stock, the latest counts).</summary>
    public string Basis => Cumulative ? "当月新增" : "时点数";

    /// <summary>A short label for narrow places (a phone's table cell); the name without its bracketed part by default.</summary>
    public string ShortName
    {
        get => _shortName ?? (Name.IndexOf('（') is > 0 and var cut ? Name[..cut] : Name);
        init => _shortName = value;
    }

    private readonly string? _shortName;

    /// <summary>The year so far from the reported months' values in month order: their sum, or for a stock the latest.</summary>
    public decimal YearToDate(IEnumerable<decimal> monthValuesInOrder) =>
        Cumulative ? monthValuesInOrder.Sum() : monthValuesInOrder.LastOrDefault();
}

/// <summary>The metric catalog the office edits; which metrics each kind of unit reports.</summary>
public sealed class MetricCatalog
{
    public MetricCatalog(IEnumerable<Metric> metrics)
    {
        Metrics = metrics.ToList();
        var dup = Metrics.GroupBy(m => m.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InvalidDataException($"指标 id 重复：{dup.Key}");
    }

    public IReadOnlyList<Metric> Metrics { get; }

    public Metric? Find(string id) => Metrics.FirstOrDefault(m => m.Id == id);

    /// <summary>The metric's name as a kind of unit sees it (<see cref="Metric.KindNames"/>); the id when unknown.</summary>
    public string NameFor(string id, string kind) =>
        Find(id) is { } m ? (m.KindNames.TryGetValue(kind, out var name) ? name : m.Name) : id;

    /// <summary>The metrics a kind reports, each under the name that kind sees (<see cref="Metric.KindNames"/>).</summary>
    public IReadOnlyList<Metric> ForKind(string unitKind) => Metrics.Where(m => m.ReportedBy.Contains(unitKind))
        .Select(m => m.KindNames.TryGetValue(unitKind, out var name) ? m with { Name = name } : m).ToList();

    public static MetricCatalog Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var list = doc.RootElement.GetProperty("metrics").EnumerateArray().Select(m => new Metric(
            m.GetProperty("id").GetString()!,
            m.GetProperty("name").GetString()!,
            m.GetProperty("unit").GetString()!,
            m.GetProperty("reportedBy").EnumerateArray().Select(k => k.GetString()!).ToList(),
            m.GetProperty("cumulative").GetBoolean(),
            m.GetProperty("min").GetDecimal(),
            m.GetProperty("max").GetDecimal(),
            m.TryGetProperty("decimals", out var d) ? d.GetInt32() : 0,
            m.TryGetProperty("article", out var a) ? a.GetInt32() : null)
        {
            PartOf = m.TryGetProperty("partOf", out var p) ? p.GetString() : null,
            ShortName = m.TryGetProperty("shortName", out var sn) ? sn.GetString()! : null!,
            PartOfSource = Source(m, "partOfSource"),
            ReportedBySource = Source(m, "reportedBySource"),
            KindNames = m.TryGetProperty("kindNames", out var kn)
                ? kn.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetString()!)
                : new Dictionary<string, string>(),
            KindNamesSource = Source(m, "kindNamesSource"),
        }).ToList();
        foreach (var metric in list.Where(x => x.PartOf is not null && x.PartOfSource is null))
            throw new InvalidDataException($"metrics.json：指标 {metric.Id} 的 partOf 缺少出处 partOfSource");
        foreach (var metric in list.Where(x => x.KindNames.Count > 0 && x.KindNamesSource is null))
            throw new InvalidDataException($"metrics.json：指标 {metric.Id} 的 kindNames 缺少出处 kindNamesSource");
        return new MetricCatalog(list);

        static string? Source(JsonElement m, string name) =>
            m.TryGetProperty(name, out var v) ? Common.RuleSource.Require(v.GetString(), $"metrics.json {m.GetProperty("id").GetString()}.{name}") : null;
    }
}
