using System.Text.Json;
using InvestBot.Common;
using InvestBot.Reporting;

namespace InvestBot.Ranking;

/// <summary>A rule's value and where it comes from (an article of the notice or an office setting, see <see cref="RuleSource"/>).</summary>
public sealed record Sourced<T>(T Value, string Source);

/// <summary>Overall: the bottom units among every summoned category together. PerCategory: the bottom units of each.</summary>
public enum InterviewScope { Overall, PerCategory }

/// <summary>What happens to a unit that did not report the month: Exclude (not ranked, listed apart) or RankLast.</summary>
public enum NotReportedRule { Exclude, RankLast }

/// <summary>How one ranking category is treated (from Data/ranking-weights.json).</summary>
/// <param name="Name">The category (units.json's rankingCategory), in announcement order.</param>
/// <param name="Ranked">Ranked monthly (（二十五）); false: only its target checks are shown (走出去招商组, （二十八）).</param>
/// <param name="Summoned">Its units may be summoned (约谈) at period ends: the units （二十七） names.</param>
/// <param name="Source">Why the category is ranked / summoned or not.</param>
/// <param name="Weights">Metric id → weight; order in the file is the tie-break order.</param>
/// <param name="KeyFigures">Metric ids shown with a unit's rank (我单位排名).</param>
public sealed record CategoryRule(
    string Name,
    bool Ranked,
    bool Summoned,
    string Source,
    IReadOnlyList<KeyValuePair<string, decimal>> Weights,
    string? WeightsSource,
    IReadOnlyList<string> KeyFigures);

/// <summary>An exception for named units of a ranked category (e.g. the vertically managed 区税务局): not ranked, or not summoned.</summary>
public sealed record UnitRule(IReadOnlyList<string> Units, bool Ranked, bool Summoned, string Source);

/// <summary>Who is summoned (约谈) at quarter, half-year and year ends, and how many.</summary>
/// <param name="MinRankedShare">Below this share of ranked units among all units of the summoned categories (early in use,
/// most units without reports or targets), nobody is summoned automatically.</param>
public sealed record InterviewRule(
    Sourced<int> Count,
    Sourced<InterviewScope> Scope,
    Sourced<decimal> MaxShare,
    Sourced<decimal> MinRankedShare,
    string PeriodsSource,
    string BasisSource,
    string TiesSource)
{
    /// <summary>Whether the announcement names the summoned units (the confirm card always does).</summary>
    public Sourced<bool> PublishNames { get; init; } = new(true, RuleSource.Office);
}

/// <summary>The ranking rules the office edits, each with its source.</summary>
public sealed class RankingRules
{
    public RankingRules(IReadOnlyList<CategoryRule> categories, Sourced<decimal> completionCap, InterviewRule interview,
        Sourced<NotReportedRule> notReported, string noTargetSource, IReadOnlyList<UnitRule>? unitRules = null)
    {
        if (completionCap.Value < 1) throw new InvalidDataException("completionCap 不能小于 1");
        if (interview.Count.Value < 1) throw new InvalidDataException("interview.count 至少为 1");
        if (interview.MaxShare.Value is <= 0 or > 1) throw new InvalidDataException("interview.maxShare 须在 0 和 1 之间");
        if (interview.MinRankedShare.Value is < 0 or > 1) throw new InvalidDataException("interview.minRankedShare 须在 0 和 1 之间");
        var duplicate = categories.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidDataException($"ranking-weights.json：类别“{duplicate.Key}”重复");
        Categories = categories;
        CompletionCap = completionCap;
        Interview = interview;
        NotReported = notReported;
        NoTargetSource = noTargetSource;
        UnitRules = unitRules ?? [];
        var twice = UnitRules.SelectMany(r => r.Units).GroupBy(u => u).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new InvalidDataException($"ranking-weights.json：unitRules 中单位 {twice.Key} 出现多次");
        if (UnitRules.FirstOrDefault(r => r.Summoned && !r.Ranked) is { } bad)
            throw new InvalidDataException($"ranking-weights.json：unitRules 中 {string.Join("、", bad.Units)} 不参加排名，不能列入约谈");
    }

    /// <summary>In announcement order (街镇 first by default).</summary>
    public IReadOnlyList<CategoryRule> Categories { get; }

    /// <summary>A metric counts at most this multiple of its target, so one outlier cannot carry a unit.</summary>
    public Sourced<decimal> CompletionCap { get; }

    public InterviewRule Interview { get; }
    public Sourced<NotReportedRule> NotReported { get; }
    public string NoTargetSource { get; }

    /// <summary>Named units that are not ranked or not summoned although their category is.</summary>
    public IReadOnlyList<UnitRule> UnitRules { get; }

    /// <summary>The exception for a unit, if any.</summary>
    public UnitRule? ForUnit(string unitId) => UnitRules.FirstOrDefault(r => r.Units.Contains(unitId));

    public CategoryRule? For(string category) => Categories.FirstOrDefault(c => c.Name == category);

    /// <summary>Position of the category in the file (unknown categories last).</summary>
    public int OrderOf(string category)
    {
        var index = Categories.ToList().FindIndex(c => c.Name == category);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>Checks every metric id against the catalog so a typo in the file fails at startup, not at ranking time.</summary>
    public void Validate(MetricCatalog catalog)
    {
        foreach (var rule in Categories)
        {
            foreach (var id in rule.Weights.Select(w => w.Key).Concat(rule.KeyFigures))
                if (catalog.Find(id) is null)
                    throw new InvalidDataException($"ranking-weights.json：类别“{rule.Name}”引用了不存在的指标 {id}");
            if (rule.Weights.Any(w => w.Value <= 0))
                throw new InvalidDataException($"ranking-weights.json：类别“{rule.Name}”的权重必须为正数");
            if (rule.Ranked && rule.Weights.Count == 0)
                throw new InvalidDataException($"ranking-weights.json：参加排名的类别“{rule.Name}”没有权重");
            if (rule.Summoned && !rule.Ranked)
                throw new InvalidDataException($"ranking-weights.json：类别“{rule.Name}”不参加排名，不能列入约谈");
        }
    }

    /// <summary>Every unit an exception names must exist, so a typo in the file fails at startup.</summary>
    public void Validate(Organization.UnitDirectory units)
    {
        foreach (var id in UnitRules.SelectMany(r => r.Units))
            if (units.FindById(id) is null)
                throw new InvalidDataException($"ranking-weights.json：unitRules 引用了不存在的单位 {id}");
    }

    public static RankingRules Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        const string file = "ranking-weights.json";
        var categories = root.GetProperty("categories").EnumerateArray().Select(c =>
        {
            var name = c.GetProperty("name").GetString()!;
            var weights = c.TryGetProperty("weights", out var w)
                ? w.EnumerateObject().Select(x => new KeyValuePair<string, decimal>(x.Name, x.Value.GetDecimal())).ToList()
                : [];
            var keys = c.TryGetProperty("keyFigures", out var k)
                ? k.EnumerateArray().Select(x => x.GetString()!).ToList()
                : weights.Take(2).Select(x => x.Key).ToList();
            var weightsSource = weights.Count == 0 ? null : RuleSource.Require(Text(c, "weightsSource"), $"{file} {name}.weightsSource");
            return new CategoryRule(name, c.GetProperty("ranked").GetBoolean(), c.GetProperty("summoned").GetBoolean(),
                RuleSource.Require(Text(c, "source"), $"{file} {name}.source"), weights, weightsSource, keys);
        }).ToList();

        var cap = root.GetProperty("completionCap");
        var i = root.GetProperty("interview");
        var interview = new InterviewRule(
            new(i.GetProperty("count").GetInt32(), RuleSource.Require(Text(i, "countSource"), $"{file} interview.countSource")),
            new(Enum<InterviewScope>(i, "scope", file), RuleSource.Require(Text(i, "scopeSource"), $"{file} interview.scopeSource")),
            new(i.GetProperty("maxShare").GetDecimal(), RuleSource.Require(Text(i, "maxShareSource"), $"{file} interview.maxShareSource")),
            new(i.GetProperty("minRankedShare").GetDecimal(), RuleSource.Require(Text(i, "minRankedShareSource"), $"{file} interview.minRankedShareSource")),
            RuleSource.Require(Text(i, "periodsSource"), $"{file} interview.periodsSource"),
            RuleSource.Require(Text(i, "basisSource"), $"{file} interview.basisSource"),
            RuleSource.Require(Text(i, "tiesSource"), $"{file} interview.tiesSource"))
        {
            PublishNames = i.TryGetProperty("publishNames", out var pn)
                ? new(pn.GetBoolean(), RuleSource.Require(Text(i, "publishNamesSource"), $"{file} interview.publishNamesSource"))
                : new(true, RuleSource.Office + "：通报列出约谈单位名称"),
        };
        var notReported = root.GetProperty("notReported");
        return new RankingRules(categories,
            new(cap.GetProperty("value").GetDecimal(), RuleSource.Require(Text(cap, "source"), $"{file} completionCap.source")),
            interview,
            new(Enum<NotReportedRule>(notReported, "value", file), RuleSource.Require(Text(notReported, "source"), $"{file} notReported.source")),
            RuleSource.Require(Text(root.GetProperty("noTarget"), "source"), $"{file} noTarget.source"),
            root.TryGetProperty("unitRules", out var ur)
                ? ur.EnumerateArray().Select((r, n) => new UnitRule(
                    r.GetProperty("units").EnumerateArray().Select(u => u.GetString()!).ToList(),
                    r.GetProperty("ranked").GetBoolean(), r.GetProperty("summoned").GetBoolean(),
                    RuleSource.Require(Text(r, "source"), $"{file} unitRules[{n}].source"))).ToList()
                : []);
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    /// <summary>overall / perCategory, exclude / rankLast: the file's camel-case words for the enum values.</summary>
    private static T Enum<T>(JsonElement e, string name, string file) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(e.GetProperty(name).GetString(), ignoreCase: true, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"{file}：{name} 的值“{e.GetProperty(name).GetString()}”不正确，可选 {string.Join(" / ", System.Enum.GetNames<T>())}");
}
