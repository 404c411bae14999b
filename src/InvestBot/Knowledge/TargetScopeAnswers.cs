using InvestBot.Organization;

namespace InvestBot.Knowledge;

/// <summary>A figure the notice writes for one unit: the unit and the sentence of the article that names it.</summary>
public sealed record UnitFigure(string UnitName, PolicyArticle Article, string Sentence);

/// <summary>
/// Whose figures an answer gives, for a target asked about as one's own unit (我们镇今年要引进几个项目) or about a kind in
/// everyday words (走出去招商组的目标是多少): the district's totals, and what the notice writes for the unit itself.
/// </summary>
/// <param name="Subject">who was asked about: the bound unit, the kind's group word (各街镇), or null (我单位, not bound)</param>
/// <param name="District">the district-wide targets that reach the asker, other than the answer's own article</param>
/// <param name="UnitFigures">what the notice writes for the unit (（三）'s sentence on 开发区 / 科技城)</param>
/// <param name="PerUnitArticle">true when the answer's article itself gives every unit of the kind its figure (（二十八）)</param>
/// <param name="OwnUnit">asked as one's own unit (我们镇, 我单位): the answer points to 我单位进度</param>
public sealed record TargetScopeAnswer(string? Subject, string? KindName, IReadOnlyList<(PolicyArticle Article, IReadOnlyList<PolicyTarget> Targets)> District,
    IReadOnlyList<UnitFigure> UnitFigures, bool PerUnitArticle, bool OwnUnit)
{
    /// <summary>The articles that give some units a figure of their own, when the asker's kind is unknown (我单位, not bound).</summary>
    public IReadOnlyList<(string Who, PolicyArticle Article)> PerUnitElsewhere { get; init; } = [];

    /// <summary>The answer's article is one of the district-wide ones (（一）（二）), not a figure of the unit.</summary>
    public bool AnswerIsDistrictWide { get; init; }
}

public sealed partial class PolicyQuestionAnswerer
{
    /// <summary>
    /// A target asked about as one's own unit, or about a kind in everyday words, answered with whose figure it is (issue 21):
    /// （一）（二） are the district's totals, not divided; （三） writes figures for 开发区 and 科技城; （二十八） for each
    /// 走出去招商组. Null when the question is not of that shape. Which articles play which part is data (lexicon targetScopes).
    /// </summary>
    private PolicyAnswer? ScopedTarget(string question, string q, Unit? ownUnit)
    {
        if (!KnowledgeLexicon.ContainsAny(q, Words.TargetWords) || q.Contains("哪些", StringComparison.Ordinal) || q.Contains("哪几", StringComparison.Ordinal))
            return null;
        var ownKindWord = Words.OwnKindWords.FirstOrDefault(w => q.Contains(w.Word, StringComparison.Ordinal));
        string? kindId;
        bool own;
        Unit? unit = null;
        if (ownKindWord.Word is not null)
        {
            (kindId, own) = (ownKindWord.Kind, true);
            if (ownUnit?.Kind == kindId) unit = ownUnit;
        }
        else if (KnowledgeLexicon.ContainsAny(q, Words.MyUnitWords))
            (kindId, own, unit) = (ownUnit?.Kind, true, ownUnit);
        else if (Words.TargetScopes.FirstOrDefault(s => KnowledgeLexicon.ContainsAny(q, s.Words)) is { } named
                 && OnlyAsksTheTarget(KnowledgeLexicon.RemoveAll(q, named.Words)))
            (kindId, own) = (named.Kind, false);
        else
            return null;

        var scope = Words.TargetScopes.FirstOrDefault(s => s.Kind == kindId);
        var kind = kb.Units.Kinds.FirstOrDefault(k => k.Id == kindId);
        var subject = unit?.Name ?? (kind is null ? null
            : own ? "您所在" + kind.Name
            : kb.Units.GroupWords.FirstOrDefault(g => g.Kind == kind.Id)?.Word ?? kind.Name);
        var terms = index.Prepare(TopicOf(q)).Terms;

        // A kind whose every unit has its figure in one article (（二十八）: 每组每年…): that article is the answer.
        if (scope is { UnitArticle: { } perUnit, DistrictArticles.Count: 0 } && Doc.Article(perUnit) is { Targets.Count: > 0 } groupArticle)
            return new PolicyAnswer
            {
                Kind = AnswerKind.ScopedTarget, Question = question, Article = groupArticle, Targets = groupArticle.Targets,
                Scope = new TargetScopeAnswer(subject, kind?.Name, [], [], PerUnitArticle: true, own),
            };

        var districtNumbers = scope?.DistrictArticles ?? Words.TargetScopes.SelectMany(s => s.DistrictArticles).Distinct().ToList();
        // The articles that reach the asker: the unit's own, or (not bound) those of any unit of the kind or its group word.
        var reaching = unit is not null ? kb.DutiesOf(unit)
            : kind is not null ? kb.Units.OfKind(kind.Id).SelectMany(kb.DutiesOf).Concat(kb.DutiesOfKind(kind)).ToList()
            : null;
        var district = districtNumbers.Select(n => Doc.Article(n)).OfType<PolicyArticle>()
            .Where(a => a.Targets.Count > 0 && (reaching is null || reaching.Any(d => d.Article == a && d.Reason != DutyReason.Mentioned)))
            .ToList();
        var figures = scope?.UnitArticle is { } ua && Doc.Article(ua) is { } unitArticle ? FiguresFor(unitArticle, unit, kind) : [];
        if (district.Count == 0 && figures.Count == 0) return null;

        var fitted = district.Select(a => (Article: a, Fit: TopicFit(a, terms, q))).ToList();
        PolicyArticle article;
        IReadOnlyList<PolicyTarget> targets;
        if (figures.Count > 0)
        {
            article = figures[0].Article;
            targets = article.Targets.Where(t => figures.Any(f => f.Sentence == t.Clause)).ToList();
        }
        else
        {
            var best = fitted.OrderByDescending(x => x.Fit.Score).First();
            (article, targets) = (best.Article, best.Fit.Score > 0 ? best.Fit.Targets : best.Article.Targets);
        }
        var others = fitted.Where(x => x.Article != article).Select(x => (x.Article, (IReadOnlyList<PolicyTarget>)x.Article.Targets)).ToList();
        var elsewhere = kind is null
            ? Words.TargetScopes.Where(s => s.UnitArticle is not null)
                .Select(s => (Who: WhoHasFiguresIn(s), Article: Doc.Article(s.UnitArticle!.Value)))
                .Where(x => x.Article is not null).Select(x => (x.Who, x.Article!)).ToList()
            : [];
        return new PolicyAnswer
        {
            Kind = AnswerKind.ScopedTarget, Question = question, Article = article, Targets = targets,
            Candidates = others.Select(o => o.Article).ToList(),
            Scope = new TargetScopeAnswer(subject, kind?.Name, others, figures, PerUnitArticle: false, own)
            {
                PerUnitElsewhere = elsewhere, AnswerIsDistrictWide = figures.Count == 0,
            },
        };
    }

    /// <summary>走出去招商组的目标是多少: once the kind's words are gone, nothing but target, year and question words is left
    /// (走出去招商组完成目标有什么奖励 asks about rewards and is answered as any other question).</summary>
    private bool OnlyAsksTheTarget(string rest) =>
        IsMadeOf(rest, Words.TargetWords.Concat(Words.QuestionWords).Concat(Words.NumberWords).Concat(YearWords));

    private static readonly string[] YearWords = ["今年", "全年", "年度", "每年", "一年", "年内", "完成", "需要", "应该"];

    /// <summary>The sentences of a per-unit article that name the unit (or, not bound, any unit of the kind) and set a number.</summary>
    private List<UnitFigure> FiguresFor(PolicyArticle article, Unit? unit, UnitKind? kind)
    {
        var figures = new List<UnitFigure>();
        foreach (var sentence in article.Targets.Select(t => t.Clause).Distinct())
        {
            var named = kb.Units.FindMentions(sentence.Replace("“", "").Replace("”", ""))
                .Where(u => unit is not null ? u.Id == unit.Id : kind is not null && u.Kind == kind.Id).ToList();
            figures.AddRange(named.Select(u => new UnitFigure(u.Name, article, sentence)));
        }
        return figures;
    }

    /// <summary>京津中关村科技城管委会、宝坻经济开发区管委会 (the units （三） names) or 每个走出去招商组 (（二十八）).</summary>
    private string WhoHasFiguresIn(TargetScope scope)
    {
        if (scope.DistrictArticles.Count == 0)
            return "每个" + (kb.Units.Kinds.FirstOrDefault(k => k.Id == scope.Kind)?.Name ?? scope.Kind);
        var kind = kb.Units.Kinds.FirstOrDefault(k => k.Id == scope.Kind);
        var article = Doc.Article(scope.UnitArticle!.Value)!;
        return string.Join("、", FiguresFor(article, null, kind).Select(f => f.UnitName).Distinct());
    }

    /// <summary>How well an article's targets fit the question's words (引进几个项目 → 118个 内资产业项目), best ones first.</summary>
    private (double Score, IReadOnlyList<PolicyTarget> Targets) TopicFit(PolicyArticle article, IReadOnlyList<string> terms, string q)
    {
        var measure = MeasureAsked().Match(q) is { Success: true } m ? m.Groups["m"].Value : null;
        var fits = article.Targets.Select(t =>
        {
            var text = t.Phrase + t.Subject;
            double fit = terms.Count(term => term.Length > 1 && (text.Contains(term, StringComparison.Ordinal)
                || Words.SynonymsOf(term).Any(s => text.Contains(s, StringComparison.Ordinal))));
            if (fit > 0 && measure is not null && t.MeasureWord.StartsWith(measure, StringComparison.Ordinal)) fit += 2;
            return (Target: t, Fit: fit);
        }).OrderByDescending(x => x.Fit).ToList();
        var top = fits.Count == 0 ? 0 : fits[0].Fit;
        return (top, fits.Where(x => x.Fit == top).Select(x => x.Target).Take(3).ToList());
    }
}
