using System.Text.Json;
using InvestBot.Reporting;

namespace InvestBot.Ranking;

/// <summary>How one ranking category is scored (from Data/ranking-weights.json).</summary>
/// <param name="Weights">Metric id → weight; order in the file is the tie-break order.</param>
/// <param name="KeyFigures">Metric ids shown as columns of the announcement table.</param>
/// <param name="DefaultTargets">Targets used when admins entered none for a unit (the document's per-unit requirement).</param>
/// <param name="TargetCheck">Also check every unit against <paramref name="DefaultTargets"/> (走出去 groups, article 28).</param>
public sealed record CategoryRule(
    IReadOnlyList<KeyValuePair<string, decimal>> Weights,
    IReadOnlyList<string> KeyFigures,
    IReadOnlyDictionary<string, decimal> DefaultTargets,
    bool TargetCheck);

/// <summary>The scoring rules the office edits: metric weights per category, cap, how many units are summoned.</summary>
public sealed class RankingRules
{
    public RankingRules(decimal completionCap, int interviewCount, IReadOnlyDictionary<string, CategoryRule> categories)
    {
        if (completionCap < 1) throw new InvalidDataException("completionCap 不能小于 1");
        if (interviewCount < 1) throw new InvalidDataException("interviewCount 至少为 1");
        CompletionCap = completionCap;
        InterviewCount = interviewCount;
        Categories = categories;
    }

    /// <summary>A metric counts at most this multiple of its target, so one outlier cannot carry a unit.</summary>
    public decimal CompletionCap { get; }
    public int InterviewCount { get; }
    public IReadOnlyDictionary<string, CategoryRule> Categories { get; }

    public CategoryRule? For(string category) => Categories.TryGetValue(category, out var r) ? r : null;

    /// <summary>Checks every metric id against the catalog so a typo in the file fails at startup, not at ranking time.</summary>
    public void Validate(MetricCatalog catalog)
    {
        foreach (var (category, rule) in Categories)
        {
            foreach (var id in rule.Weights.Select(w => w.Key).Concat(rule.KeyFigures).Concat(rule.DefaultTargets.Keys))
                if (catalog.Find(id) is null)
                    throw new InvalidDataException($"ranking-weights.json：类别“{category}”引用了不存在的指标 {id}");
            if (rule.Weights.Any(w => w.Value <= 0))
                throw new InvalidDataException($"ranking-weights.json：类别“{category}”的权重必须为正数");
        }
    }

    public static RankingRules Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        var categories = new Dictionary<string, CategoryRule>(StringComparer.Ordinal);
        foreach (var c in root.GetProperty("categories").EnumerateObject())
        {
            var weights = c.Value.GetProperty("weights").EnumerateObject()
                .Select(w => new KeyValuePair<string, decimal>(w.Name, w.Value.GetDecimal())).ToList();
            var keys = c.Value.TryGetProperty("keyFigures", out var k)
                ? k.EnumerateArray().Select(x => x.GetString()!).ToList()
                : weights.Take(2).Select(w => w.Key).ToList();
            var defaults = c.Value.TryGetProperty("defaultTargets", out var d)
                ? d.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetDecimal())
                : new Dictionary<string, decimal>();
            var check = c.Value.TryGetProperty("targetCheck", out var t) && t.GetBoolean();
            categories[c.Name] = new CategoryRule(weights, keys, defaults, check);
        }
        return new RankingRules(root.GetProperty("completionCap").GetDecimal(), root.GetProperty("interviewCount").GetInt32(), categories);
    }
}
