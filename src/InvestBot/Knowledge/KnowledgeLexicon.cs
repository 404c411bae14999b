using System.Text.Json;

namespace InvestBot.Knowledge;

/// <summary>The words that steer question answering, loaded from Data/knowledge-lexicon.json (editable data).</summary>
public sealed class KnowledgeLexicon
{
    public required IReadOnlyList<IReadOnlyList<string>> Synonyms { get; init; }
    /// <summary>Longest first, so 是什么意思 goes before 什么.</summary>
    public required IReadOnlyList<string> QuestionWords { get; init; }
    public required string FillerChars { get; init; }
    public required IReadOnlyList<string> DutyWords { get; init; }
    public required IReadOnlyList<string> WhoWords { get; init; }
    public required IReadOnlyList<string> NumberWords { get; init; }
    public required IReadOnlyList<string> MyUnitWords { get; init; }
    public required IReadOnlyList<string> AllArticlesWords { get; init; }
    public required IReadOnlyList<string> SectionListWords { get; init; }
    public required IReadOnlyList<string> ListWords { get; init; }
    /// <summary>Whole messages that are a greeting (你好) or thanks (谢谢), answered politely instead of searched.</summary>
    public required IReadOnlyList<string> GreetingWords { get; init; }
    public required IReadOnlyList<string> ThanksWords { get; init; }
    /// <summary>Common one-character slips (那些 for 哪些), replaced before a question is read.</summary>
    public IReadOnlyList<(string From, string To)> Slips { get; init; } = [];
    /// <summary>Words joining several units in one duty question: 区商务局和（跟）发改委分别负责什么.</summary>
    public IReadOnlyList<string> ConnectiveWords { get; init; } = [];
    /// <summary>Words for the asker's own unit by its kind (本街道 → town), longest first.</summary>
    public IReadOnlyList<(string Word, string Kind)> OwnKindWords { get; init; } = [];
    /// <summary>Words asking for a unit's or a kind's target (目标, 要完成, 引进几): with an own-unit or kind word, the answer says whose figure it is.</summary>
    public IReadOnlyList<string> TargetWords { get; init; } = [];
    /// <summary>Per kind: the articles with district-wide targets and the article that gives each unit of the kind its own figure.</summary>
    public IReadOnlyList<TargetScope> TargetScopes { get; init; } = [];

    public static KnowledgeLexicon Load(string path)
    {
        var file = JsonSerializer.Deserialize<LexiconFile>(File.ReadAllText(path), new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        }) ?? throw new InvalidDataException($"{path} 为空");
        static IReadOnlyList<string> Sorted(List<string>? words) =>
            (words ?? []).Where(w => !string.IsNullOrWhiteSpace(w)).Distinct().OrderByDescending(w => w.Length).ToList();
        return new KnowledgeLexicon
        {
            Synonyms = (file.Synonyms ?? []).Where(g => g.Count > 1).Select(g => (IReadOnlyList<string>)g).ToList(),
            QuestionWords = Sorted(file.QuestionWords),
            FillerChars = file.FillerChars ?? "",
            DutyWords = Sorted(file.DutyWords),
            WhoWords = Sorted(file.WhoWords),
            NumberWords = Sorted(file.NumberWords),
            MyUnitWords = Sorted(file.MyUnitWords),
            AllArticlesWords = Sorted(file.AllArticlesWords),
            SectionListWords = Sorted(file.SectionListWords),
            ListWords = Sorted(file.ListWords),
            GreetingWords = Sorted(file.GreetingWords),
            ThanksWords = Sorted(file.ThanksWords),
            Slips = (file.Slips ?? []).Where(p => p.Count == 2 && p[0].Length > 0).Select(p => (p[0], p[1])).ToList(),
            ConnectiveWords = Sorted(file.ConnectiveWords),
            OwnKindWords = (file.OwnKindWords ?? []).SelectMany(g => (g.Words ?? []).Select(w => (Word: w, g.Kind)))
                .Where(w => w.Word.Length > 0).OrderByDescending(w => w.Word.Length).ToList(),
            TargetWords = Sorted(file.TargetWords),
            TargetScopes = (file.TargetScopes ?? []).Where(t => !string.IsNullOrWhiteSpace(t.Kind))
                .Select(t => new TargetScope(t.Kind, t.DistrictArticles ?? [], t.UnitArticle, Sorted(t.Words))).ToList(),
        };
    }

    public static bool ContainsAny(string text, IEnumerable<string> words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));

    /// <summary>Removes every listed word (longest first).</summary>
    public static string RemoveAll(string text, IEnumerable<string> words)
    {
        foreach (var w in words) text = text.Replace(w, " ", StringComparison.Ordinal);
        return text;
    }

    private Dictionary<string, IReadOnlyList<string>>? _synonymsOf;

    /// <summary>The other words of every synonym group the word belongs to (looked up, not searched: asked per word per article).</summary>
    public IReadOnlyList<string> SynonymsOf(string word)
    {
        _synonymsOf ??= Synonyms.SelectMany(g => g).Distinct().ToDictionary(w => w,
            w => (IReadOnlyList<string>)Synonyms.Where(g => g.Contains(w)).SelectMany(g => g).Where(x => x != w).Distinct().ToArray());
        return _synonymsOf.TryGetValue(word, out var list) ? list : [];
    }

    /// <summary>The synonyms of each synonym word the text contains that the text does not contain itself, so both spellings can match.</summary>
    public IReadOnlyList<string> ExpansionOf(string text)
    {
        var extra = new List<string>();
        foreach (var group in Synonyms)
            if (group.Any(w => text.Contains(w, StringComparison.Ordinal)))
                extra.AddRange(group.Where(w => !text.Contains(w, StringComparison.Ordinal)));
        return extra;
    }

    private sealed record LexiconFile(
        List<List<string>>? Synonyms, List<string>? QuestionWords, string? FillerChars, List<string>? DutyWords,
        List<string>? WhoWords, List<string>? NumberWords, List<string>? MyUnitWords, List<string>? AllArticlesWords,
        List<string>? SectionListWords, List<string>? ListWords,
        List<string>? GreetingWords, List<string>? ThanksWords, List<List<string>>? Slips, List<string>? ConnectiveWords,
        List<OwnKindGroup>? OwnKindWords, List<string>? TargetWords = null, List<TargetScopeEntry>? TargetScopes = null);

    private sealed record OwnKindGroup(string Kind, List<string>? Words);

    private sealed record TargetScopeEntry(string Kind, List<int>? DistrictArticles, int? UnitArticle, List<string>? Words);
}

/// <summary>Whose figures a kind of unit is asked about: district-wide articles, and the article naming each unit's own figure.</summary>
/// <param name="Kind">units.json kind id</param>
/// <param name="DistrictArticles">articles whose targets are the district's totals, not divided among the units</param>
/// <param name="UnitArticle">the article that writes a figure for each unit of the kind (（三）, （二十八）), if any</param>
/// <param name="Words">words naming the kind without “我们” (走出去小组)</param>
public sealed record TargetScope(string Kind, IReadOnlyList<int> DistrictArticles, int? UnitArticle, IReadOnlyList<string> Words);
