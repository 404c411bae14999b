using System.Text.RegularExpressions;
using InvestBot.Organization;

namespace InvestBot.Knowledge;

/// <summary>
/// Turns a staff member's question into an answer: first the questions with a clear shape (an article number,
/// a unit's duties, listings), then free-text retrieval with a confidence check so that a weak match is offered
/// as 您是不是想问 rather than stated as the answer.
/// </summary>
public sealed partial class PolicyQuestionAnswerer(KnowledgeBase kb, ArticleSearchIndex index)
{
    // Confidence thresholds on the share of the question's words the best article contains.
    private const double NothingBelow = 0.3;
    private const double ConfidentFrom = 0.5;
    private const double SureFrom = 0.8;
    private const float LeadRatio = 1.15f;
    // A word found in more than a quarter of the articles (招商, 项目) cannot identify one article alone.
    private const double SpecificFrom = 1.6;

    private PolicyDocument Doc => kb.Document;
    private KnowledgeLexicon Words => kb.Lexicon;

    /// <summary>True when the question is about the asker's own unit (the caller must look up the binding).</summary>
    public bool AsksAboutOwnUnit(string question)
    {
        var q = Normalize(question);
        return KnowledgeLexicon.ContainsAny(q, Words.MyUnitWords) || Words.OwnKindWords.Any(w => q.Contains(w.Word, StringComparison.Ordinal));
    }

    public PolicyAnswer Answer(string question, Unit? ownUnit = null)
    {
        var q = Normalize(question);
        PolicyAnswer Make(AnswerKind kind) => new() { Kind = kind, Question = question };
        if (q.Length == 0) return Make(AnswerKind.NotFound);
        var bare = q.TrimEnd('啊', '呀', '哈', '啦', '！', '!', '，', ',');
        if (Words.GreetingWords.Contains(bare, StringComparer.OrdinalIgnoreCase)) return Make(AnswerKind.Greeting);
        if (Words.ThanksWords.Contains(bare, StringComparer.OrdinalIgnoreCase)) return Make(AnswerKind.Thanks);

        if (AskedArticleNumber(q) is { } number)
        {
            return Doc.Article(number) is { } article
                ? new PolicyAnswer
                {
                    Kind = AnswerKind.Article, Question = question, Article = article, Candidates = Neighbours(article),
                    FullText = q.Contains("全文", StringComparison.Ordinal) || q.Contains("原文", StringComparison.Ordinal),
                }
                : new PolicyAnswer { Kind = AnswerKind.NoSuchArticle, Question = question, AskedNumber = number };
        }

        if (ScopedTarget(question, q, ownUnit) is { } scoped) return scoped;

        q = ResolveOwnKindWord(q, ownUnit);
        if (KnowledgeLexicon.ContainsAny(q, Words.MyUnitWords))
        {
            return ownUnit is null
                ? Make(AnswerKind.NeedsBinding)
                : UnitDuties(question, ownUnit);
        }

        var mentioned = kb.Units.FindMentions(q);
        if (mentioned.Count > 0 && IsDutyQuestion(q, mentioned.SelectMany(u => u.Aliases.Prepend(u.Name)).Concat(Words.ConnectiveWords)))
            return UnitDuties(question, mentioned.ToArray());
        if (mentioned.Count == 0 && AskedKind(q) is { } kind)
            return new PolicyAnswer
            {
                Kind = AnswerKind.UnitDuties, Question = question,
                DutyLists = [new DutyList($"{kind.Name}（{kb.DirectoryCount(kind.Id)}）", kb.DutiesOfKind(kind))],
            };

        if (AskedSection(q) is { } section)
            return new PolicyAnswer { Kind = AnswerKind.SectionArticles, Question = question, Section = section };
        if (KnowledgeLexicon.ContainsAny(q, Words.AllArticlesWords))
            return Make(AnswerKind.AllArticles);
        if (KnowledgeLexicon.ContainsAny(q, Words.SectionListWords) && mentioned.Count == 0)
            return Make(AnswerKind.Sections);

        return AnswerByTopic(question, q, mentioned);
    }

    private PolicyAnswer AnswerByTopic(string question, string q, IReadOnlyList<Unit> mentioned)
    {
        var asksWho = KnowledgeLexicon.ContainsAny(q, Words.WhoWords);
        var asksNumber = KnowledgeLexicon.ContainsAny(q, Words.NumberWords);
        var topic = TopicOf(q);

        // A unit named in a topic question (开发区要引进多少实体项目) favours the articles that concern it.
        // A numbers question favours the articles that set numbers.
        var unitNames = mentioned.SelectMany(u => u.Aliases.Prepend(u.Name)).ToList();
        float Boost(PolicyArticle a) =>
            (unitNames.Any(n => a.Body.Contains(n, StringComparison.Ordinal) || (a.ResponsibleText ?? "").Contains(n, StringComparison.Ordinal)) ? 1.3f : 1f)
            * (asksNumber && a.Targets.Count > 0 ? 1.3f : 1f);
        var query = index.Prepare(topic);
        var hits = index.Search(query, 5, Boost);

        if (hits.Count == 0 || hits[0].Coverage < NothingBelow)
            return new PolicyAnswer { Kind = AnswerKind.NotFound, Question = question };

        var best = hits[0];
        var lead = hits.Count < 2 || best.Score >= hits[1].Score * LeadRatio;
        var confident = best.Specificity >= SpecificFrom && (best.Coverage >= SureFrom || (best.Coverage >= ConfidentFrom && lead));
        var others = hits.Skip(1).Select(h => h.Article).ToList();
        if (!confident)
            return new PolicyAnswer { Kind = AnswerKind.Suggestions, Question = question, Candidates = hits.Take(3).Select(h => h.Article).ToList() };

        if (asksNumber && BestTargets(best.Article, query.Terms, q, mentioned) is { Count: > 0 } targets)
            return new PolicyAnswer { Kind = AnswerKind.Target, Question = question, Article = best.Article, Targets = targets, Candidates = others };
        return new PolicyAnswer
        {
            Kind = asksWho ? AnswerKind.Responsible : AnswerKind.Article,
            Question = question, Article = best.Article, Candidates = others,
        };
    }

    /// <summary>The question without the words that only say what kind of question it is (谁负责, 多少, 是什么).</summary>
    public string Topic(string question) => TopicOf(Normalize(question));

    private string TopicOf(string q)
    {
        foreach (var words in new[] { Words.WhoWords, Words.QuestionWords })
            q = KnowledgeLexicon.RemoveAll(q, words);
        return string.Join(' ', q.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// The article's targets that fit the question best: the words they share with it, the measure word asked
    /// for (几家 → 家), and the unit or kind asked about (科技城 → the phrase naming 京津中关村科技城管委会).
    /// </summary>
    private List<PolicyTarget> BestTargets(PolicyArticle article, IReadOnlyList<string> terms, string q, IReadOnlyList<Unit> mentioned)
    {
        if (article.Targets.Count == 0) return [];
        var measure = MeasureAsked().Match(q) is { Success: true } m ? m.Groups["m"].Value : null;
        var names = mentioned.SelectMany(u => u.Aliases.Prepend(u.Name))
            .Concat(kb.Units.Kinds.Where(k => q.Contains(k.Name, StringComparison.Ordinal) || Words.SynonymsOf(k.Name).Any(s => q.Contains(s, StringComparison.Ordinal)))
                .SelectMany(k => kb.Units.GroupWords.Where(g => g.Kind == k.Id).Select(g => g.Word).Append(k.Name)))
            .ToList();
        double Fit(PolicyTarget t)
        {
            var text = t.Phrase + t.Subject;
            double fit = terms.Count(term => text.Contains(term, StringComparison.Ordinal)
                || Words.SynonymsOf(term).Any(s => text.Contains(s, StringComparison.Ordinal)));
            if (measure is not null && t.MeasureWord.StartsWith(measure, StringComparison.Ordinal)) fit += 2;
            if (names.Any(n => t.Phrase.Contains(n, StringComparison.Ordinal))) fit += 3;
            else if (names.Any(n => t.Clause.Contains(n, StringComparison.Ordinal))) fit += 1.5;
            return fit;
        }
        var ranked = article.Targets.Select(t => (Target: t, Fit: Fit(t))).OrderByDescending(x => x.Fit).ToList();
        return ranked.Where(x => x.Fit == ranked[0].Fit).Select(x => x.Target).Take(3).ToList();
    }

    // Words joining several units in one duty question: 区商务局和区发改委分别负责什么.
    /// <summary>
    /// 本街道 / 咱们乡 / 我们区直单位: the asker's own unit when they are bound to one of that kind, otherwise the kind's
    /// group word as the notice writes it (各街镇, 区直各单位), so the question reads as the notice would answer it.
    /// </summary>
    private string ResolveOwnKindWord(string q, Unit? ownUnit)
    {
        foreach (var (word, kindId) in Words.OwnKindWords)
        {
            if (!q.Contains(word, StringComparison.Ordinal)) continue;
            if (kb.Units.Kinds.FirstOrDefault(k => k.Id == kindId) is not { } kind) continue;
            var meant = ownUnit?.Kind == kind.Id
                ? ownUnit.Name
                : kb.Units.GroupWords.FirstOrDefault(g => g.Kind == kind.Id)?.Word ?? kind.Name;
            return q.Replace(word, meant, StringComparison.Ordinal);
        }
        return q;
    }

    private PolicyAnswer UnitDuties(string question, params Unit[] units) => new()
    {
        Kind = AnswerKind.UnitDuties, Question = question, Unit = units[0],
        DutyLists = units.Select(u => new DutyList(u.Name, kb.DutiesOf(u))).ToList(),
    };

    /// <summary>各街镇要做什么 / 区直部门的职责: a kind's name or group word and nothing but duty words.</summary>
    private UnitKind? AskedKind(string q)
    {
        foreach (var kind in kb.Units.Kinds)
        {
            var names = kb.Units.GroupWords.Where(g => g.Kind == kind.Id).Select(g => g.Word).Append(kind.Name).ToList();
            if (names.Any(n => q.Contains(n, StringComparison.Ordinal)) && IsDutyQuestion(q, names))
                return kind;
        }
        return null;
    }

    /// <summary>区商务局有哪些职责: once the unit's names and the duty/question words are gone, nothing is left.</summary>
    private bool IsDutyQuestion(string q, IEnumerable<string> names)
    {
        var rest = q;
        foreach (var name in names.OrderByDescending(n => n.Length))
            rest = rest.Replace(name, " ", StringComparison.Ordinal);
        return IsMadeOf(rest, Words.DutyWords.Concat(Words.QuestionWords).Concat(Words.ConnectiveWords));
    }

    /// <summary>
    /// True when the text can be read as nothing but the given words, filler characters, spaces and punctuation.
    /// Read as a whole (not by removing words one after another), so overlapping words do not eat each other:
    /// 负责哪些条款 is 负责+哪些+条款 even though 哪些条 is a word too.
    /// </summary>
    private bool IsMadeOf(string text, IEnumerable<string> words)
    {
        var list = words.Where(w => w.Length > 0).Distinct().ToList();
        var reachable = new bool[text.Length + 1];
        reachable[0] = true;
        for (var i = 0; i < text.Length; i++)
        {
            if (!reachable[i]) continue;
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || Words.FillerChars.Contains(c)) reachable[i + 1] = true;
            foreach (var w in list)
                if (i + w.Length <= text.Length && string.CompareOrdinal(text, i, w, 0, w.Length) == 0) reachable[i + w.Length] = true;
        }
        return reachable[text.Length];
    }

    private int? AskedArticleNumber(string q)
    {
        foreach (var pattern in new[] { Numbered(), Bracketed(), ClauseFirst(), BareOnly() })
            if (pattern.Match(q) is { Success: true } m && ChineseNumber.Parse(m.Groups["n"].Value) is { } n)
                return n;
        // 二十七条讲什么, but not 三十条措施都有哪些 (the whole notice).
        if (BareCount().Match(q) is { Success: true } bare && !KnowledgeLexicon.ContainsAny(q, Words.AllArticlesWords.Concat(Words.ListWords)))
            return ChineseNumber.Parse(bare.Groups["n"].Value);
        return null;
    }

    private PolicySection? AskedSection(string q)
    {
        if (SectionNumbered().Match(q) is { Success: true } m && ChineseNumber.Parse(m.Groups["n"].Value) is { } n)
            return Doc.Sections.FirstOrDefault(s => s.Number == n);
        if (!KnowledgeLexicon.ContainsAny(q, Words.ListWords)) return null;
        // Section titles read 高精度瞄准招商方向: people ask about the last words (招商方向).
        return Doc.Sections.FirstOrDefault(s => s.Title.Length >= 4 && q.Contains(s.Title[^4..], StringComparison.Ordinal));
    }

    private IReadOnlyList<PolicyArticle> Neighbours(PolicyArticle article) =>
        Doc.Sections.First(s => s.Number == article.SectionNumber).ArticleNumbers
            .Where(n => n != article.Number).Select(n => Doc.Article(n)!).Take(2).ToList();

    private string Normalize(string text)
    {
        text = ChineseNumber.NormalizeDigits(text).Replace('(', '（').Replace(')', '）');
        foreach (var (from, to) in Words.Slips) text = text.Replace(from, to, StringComparison.Ordinal);
        return WhiteSpaceOrEndPunctuation().Replace(text, "").Trim();
    }

    private const string N = "[0-9一二三四五六七八九十百两零〇]+";

    [GeneratedRegex("第(?<n>" + N + ")[条项款]")]
    private static partial Regex Numbered();

    [GeneratedRegex("^（(?<n>" + N + ")）|（(?<n>" + N + ")）(?:条|讲|说|是|内容|全文)")]
    private static partial Regex Bracketed();

    [GeneratedRegex("条款(?<n>" + N + ")")]
    private static partial Regex ClauseFirst();

    [GeneratedRegex("^第?(?<n>" + N + ")(?:全文)?$")]
    private static partial Regex BareOnly();

    // 哪三条 / 这两条 / 前三条 count articles, they do not name one.
    [GeneratedRegex("(?<![0-9一二三四五六七八九十百两零〇哪那这每各前后头])(?<n>" + N + ")条(?!措施|主|产业|链)")]
    private static partial Regex BareCount();

    [GeneratedRegex("(?:几|多少)(?<m>个|家|人|名|次|亿|万|组)")]
    private static partial Regex MeasureAsked();

    [GeneratedRegex("第(?<n>" + N + ")(?:部分|章|节|大类|方面)")]
    private static partial Regex SectionNumbered();

    [GeneratedRegex(@"[\s？?！!。．.～~]+")]
    private static partial Regex WhiteSpaceOrEndPunctuation();
}
