using System.Text.Json;
using InvestBot.Knowledge;
using InvestBot.Reporting;

namespace InvestBot.KeyProjects;

/// <summary>Where a rule comes from: an article of the measures (with the words it says) or an office setting.</summary>
/// <param name="Article">1–30, or null for an office setting.</param>
public sealed record RuleSource(int? Article, string? Quote, string? Note)
{
    public bool IsOfficeSetting => Article is null;

    /// <summary>“（二十六）……” or “区合作交流办设定”, for cards and documents.</summary>
    public string Describe(PolicyDocument? document) => Article is { } n
        ? $"{document?.Article(n)?.Label ?? $"第{n}条"}“{Quote}”"
        : "区合作交流办设定" + (Note is { Length: > 0 } note ? "：" + note : "");
}

/// <summary>内资 or 外资; the investment is in the unit of <see cref="Metric"/> (内资到位额 万元, 外资到位额 万美元).</summary>
public sealed record ProjectKind(string Id, string Name, Metric Metric, decimal MaxTotalInvestment, RuleSource Source)
{
    public string Unit => Metric.Unit;
}

public sealed record ProjectLevel(string Id, string Name, RuleSource Source);

/// <summary>A stage in order: a later index means the project advanced.</summary>
public sealed record ProjectStage(string Id, string Name, int Index);

/// <summary>An industry chain of （十）（十一）, or the office's catch-all.</summary>
public sealed record IndustryChain(string Id, string Name, RuleSource Source);

/// <summary>One of （六）'s six 协调推动组 (重大基础设施、制造业、农文旅、地产、商业、教育卫生).</summary>
public sealed record CoordinationGroup(string Id, string Name, RuleSource Source);

/// <summary>
/// The rules of the key-project ledger, from Data/key-projects.json: project kinds, levels, stages, industry chains and the
/// office settings. Each rule says whether it is the document's (article + quote, checked against the text at start-up)
/// or the office's.
/// </summary>
public sealed class KeyProjectRules
{
    public const string FileName = "key-projects.json";
    public const string MajorLevel = "major";
    public const string KeyLevel = "key";

    public required IReadOnlyList<ProjectKind> Kinds { get; init; }
    public required IReadOnlyList<ProjectLevel> Levels { get; init; }
    public required IReadOnlyList<ProjectStage> Stages { get; init; }
    public required RuleSource StagesSource { get; init; }
    public required IReadOnlyList<IndustryChain> Chains { get; init; }
    /// <summary>（六）'s 协调推动组; a project may name one (optional).</summary>
    public required IReadOnlyList<CoordinationGroup> Groups { get; init; }
    /// <summary>The article rules by name: monthlyCheck, problems, quarterlyReport, supervisionReport.</summary>
    public required IReadOnlyDictionary<string, RuleSource> Articles { get; init; }
    public required int StalledMonths { get; init; }
    public required RuleSource StalledMonthsSource { get; init; }
    public required decimal MinTotalInvestment { get; init; }
    public required bool ArrivedMayExceedTotal { get; init; }
    public required int NameMaxLength { get; init; }
    public required int ProblemsMaxLength { get; init; }
    /// <summary>How long the note on a finding marked 已整改 may be; the 整改 mark itself is an office setting, not the document's.</summary>
    public required int RectificationNoteMaxLength { get; init; }
    public required RuleSource RectificationSource { get; init; }
    /// <summary>How long the 下载通报 link on a published quarterly report works, from its publication.</summary>
    public required int ReportLinkDays { get; init; }
    /// <summary>Every office setting with its note, for documents and tests.</summary>
    public required IReadOnlyDictionary<string, RuleSource> Settings { get; init; }

    public ProjectStage FirstStage => Stages[0];
    public ProjectStage FinalStage => Stages[^1];

    public ProjectKind? Kind(string? id) => Kinds.FirstOrDefault(k => k.Id == id);
    public ProjectLevel? Level(string? id) => Levels.FirstOrDefault(l => l.Id == id);
    public ProjectStage? Stage(string? id) => Stages.FirstOrDefault(s => s.Id == id);
    public IndustryChain? Chain(string? id) => Chains.FirstOrDefault(c => c.Id == id);
    public CoordinationGroup? Group(string? id) => Groups.FirstOrDefault(g => g.Id == id);

    /// <summary>The group's name, or 未指定 for a project without one (older projects have none).</summary>
    public string GroupName(string? id) => Group(id)?.Name ?? "未指定";

    /// <summary>The level's name, or 待认定 for a project no admin has marked yet.</summary>
    public string LevelName(string? id) => Level(id)?.Name ?? "待认定";

    private PolicyDocument? _document;

    /// <summary>“（二十六）‘……’” for a rule of the document, “区合作交流办设定：…” for an office setting.</summary>
    public string Describe(RuleSource source) => source.Describe(_document);

    /// <summary>（二十六）提高跟踪问效频率 — the cited article as the document heads it (after <see cref="Validate"/>).</summary>
    public string Heading(int article) => _document?.Article(article)?.Heading ?? $"第{article}条";

    /// <summary>Every quote must appear in the article it cites: the bot states only what the document says.</summary>
    public void Validate(PolicyDocument document)
    {
        _document = document;
        var cited = Articles.Values.Concat(Kinds.Select(k => k.Source)).Concat(Levels.Select(l => l.Source))
            .Concat(Chains.Select(c => c.Source)).Concat(Groups.Select(g => g.Source)).Append(StagesSource).Concat(Settings.Values);
        foreach (var source in cited.Where(s => !s.IsOfficeSetting))
        {
            var article = document.Article(source.Article!.Value)
                ?? throw new InvalidDataException($"{FileName}：引用的第{source.Article}条不存在");
            var text = article.Label + article.Title + "。" + article.Body;
            if (string.IsNullOrEmpty(source.Quote) || !text.Contains(source.Quote, StringComparison.Ordinal))
                throw new InvalidDataException($"{FileName}：“{source.Quote}”不是{article.Label}的原文");
        }
    }

    public static KeyProjectRules Load(string path, MetricCatalog metrics)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        var kinds = root.GetProperty("kinds").EnumerateArray().Select(k =>
        {
            var metricId = k.GetProperty("metric").GetString()!;
            var metric = metrics.Find(metricId) ?? throw new InvalidDataException($"{FileName}：项目类别 {k.GetProperty("name")} 的指标 {metricId} 不在 metrics.json 中");
            return new ProjectKind(Id(k), Name(k), metric, k.GetProperty("maxTotalInvestment").GetDecimal(), Source(k));
        }).ToList();
        var stages = root.GetProperty("stages");
        var settings = root.GetProperty("settings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        var rules = new KeyProjectRules
        {
            Kinds = kinds,
            Levels = root.GetProperty("levels").EnumerateArray().Select(l => new ProjectLevel(Id(l), Name(l), Source(l))).ToList(),
            Stages = stages.GetProperty("items").EnumerateArray().Select((s, i) => new ProjectStage(Id(s), Name(s), i)).ToList(),
            StagesSource = Source(stages),
            Chains = root.GetProperty("chains").EnumerateArray().Select(c => new IndustryChain(Id(c), Name(c), Source(c))).ToList(),
            Groups = root.GetProperty("coordinationGroups").EnumerateArray().Select(g => new CoordinationGroup(Id(g), Name(g), Source(g))).ToList(),
            Articles = root.GetProperty("articles").EnumerateObject().ToDictionary(p => p.Name, p => Source(p.Value)),
            StalledMonths = Setting(settings, "stalledMonths").GetInt32(),
            StalledMonthsSource = Source(settings["stalledMonths"]),
            MinTotalInvestment = Setting(settings, "minTotalInvestment").GetDecimal(),
            ArrivedMayExceedTotal = Setting(settings, "arrivedMayExceedTotal").GetBoolean(),
            NameMaxLength = Setting(settings, "nameMaxLength").GetInt32(),
            ProblemsMaxLength = Setting(settings, "problemsMaxLength").GetInt32(),
            RectificationNoteMaxLength = Setting(settings, "rectificationNoteMaxLength").GetInt32(),
            RectificationSource = Source(settings["rectificationNoteMaxLength"]),
            ReportLinkDays = Setting(settings, "reportLinkDays").GetInt32(),
            Settings = settings.ToDictionary(p => p.Key, p => Source(p.Value)),
        };
        rules.Check();
        return rules;
    }

    private void Check()
    {
        foreach (var (what, ids) in new[] { ("项目类别", Kinds.Select(k => k.Id)), ("级别", Levels.Select(l => l.Id)),
                     ("阶段", Stages.Select(s => s.Id)), ("产业链", Chains.Select(c => c.Id)), ("协调推动组", Groups.Select(g => g.Id)) })
        {
            var list = ids.ToList();
            if (list.Count == 0) throw new InvalidDataException($"{FileName}：没有定义{what}");
            if (list.GroupBy(x => x).FirstOrDefault(g => g.Count() > 1) is { } dup) throw new InvalidDataException($"{FileName}：{what} id 重复：{dup.Key}");
            // Ids end up in table rows and card data; keep them plain.
            if (list.FirstOrDefault(x => x.Length is 0 or > 32 || !x.All(char.IsAsciiLetterOrDigit)) is { } bad)
                throw new InvalidDataException($"{FileName}：{what} id “{bad}”只能由字母和数字组成");
        }
        if (Level(MajorLevel) is null || Level(KeyLevel) is null)
            throw new InvalidDataException($"{FileName}：级别中必须有 {KeyLevel}（重点）和 {MajorLevel}（重大）");
        if (Stages.Count < 2) throw new InvalidDataException($"{FileName}：至少需要两个阶段");
        if (StalledMonths < 1) throw new InvalidDataException($"{FileName}：stalledMonths 至少为 1");
        if (MinTotalInvestment <= 0 || Kinds.Any(k => k.MaxTotalInvestment <= MinTotalInvestment))
            throw new InvalidDataException($"{FileName}：计划总投资的上下限不正确");
        if (NameMaxLength is < 4 or > 200 || ProblemsMaxLength is < 10 or > 2000 || RectificationNoteMaxLength is < 10 or > 500)
            throw new InvalidDataException($"{FileName}：长度限制不正确");
        if (ReportLinkDays is < 1 or > 3660) throw new InvalidDataException($"{FileName}：reportLinkDays 应在 1 到 3660 天之间");
    }

    private static string Id(JsonElement e) => e.GetProperty("id").GetString()!;
    private static string Name(JsonElement e) => e.GetProperty("name").GetString()!;

    private static JsonElement Setting(Dictionary<string, JsonElement> settings, string name) =>
        settings.TryGetValue(name, out var s) ? s.GetProperty("value") : throw new InvalidDataException($"{FileName}：缺少设置 {name}");

    private static RuleSource Source(JsonElement e)
    {
        string? Text(string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
        if (e.TryGetProperty("article", out var a)) return new RuleSource(a.GetInt32(), Text("quote"), Text("note"));
        if (Text("source") == "office") return new RuleSource(null, null, Text("note"));
        throw new InvalidDataException($"{FileName}：{e} 没有注明来源（article+quote 或 \"source\": \"office\"）");
    }
}
