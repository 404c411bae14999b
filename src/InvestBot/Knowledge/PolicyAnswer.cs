using InvestBot.Organization;

namespace InvestBot.Knowledge;

public enum AnswerKind
{
    /// <summary>One article is the answer (asked by number or found by topic).</summary>
    Article,
    /// <summary>A topic question whose answer is the article's 责任单位.</summary>
    Responsible,
    /// <summary>A numbers question: the targets of the best article.</summary>
    Target,
    /// <summary>A target asked about as one's own unit or a kind (我们镇要引进几个项目): the targets and whose they are.</summary>
    ScopedTarget,
    /// <summary>The articles a unit is responsible for.</summary>
    UnitDuties,
    /// <summary>我单位的职责 from a user with no unit binding.</summary>
    NeedsBinding,
    AllArticles,
    Sections,
    SectionArticles,
    /// <summary>Not sure: 您是不是想问 with the top three.</summary>
    Suggestions,
    /// <summary>Asked for an article number the notice does not have.</summary>
    NoSuchArticle,
    NotFound,
    /// <summary>你好 / 谢谢: a polite reply with a pointer to what can be asked.</summary>
    Greeting,
    Thanks,
}

/// <summary>Whose duties (a unit's name, or a kind such as 街镇（名录中24个街镇）) and the articles.</summary>
public sealed record DutyList(string Subject, IReadOnlyList<UnitDuty> Duties);

/// <summary>What the bot answers to a question, independent of how Teams shows it.</summary>
public sealed class PolicyAnswer
{
    public required AnswerKind Kind { get; init; }
    public required string Question { get; init; }
    public PolicyArticle? Article { get; init; }
    /// <summary>Other candidates (suggestions, related articles), best first.</summary>
    public IReadOnlyList<PolicyArticle> Candidates { get; init; } = [];
    public IReadOnlyList<PolicyTarget> Targets { get; init; } = [];
    /// <summary>For <see cref="AnswerKind.ScopedTarget"/>: whose figures these are.</summary>
    public TargetScopeAnswer? Scope { get; init; }
    public Unit? Unit { get; init; }
    /// <summary>One list per unit (or kind) asked about: 区商务局和区发改委分别负责什么 gives two.</summary>
    public IReadOnlyList<DutyList> DutyLists { get; init; } = [];
    public IReadOnlyList<UnitDuty> Duties => DutyLists.Count > 0 ? DutyLists[0].Duties : [];
    public string? DutySubject => DutyLists.Count > 0 ? DutyLists[0].Subject : null;
    public PolicySection? Section { get; init; }
    public int? AskedNumber { get; init; }
    /// <summary>第22条全文: quote the article exactly as the document has it, 责任单位 note included.</summary>
    public bool FullText { get; init; }

    /// <summary>True when the bot had an answer (used to log the gaps).</summary>
    public bool Answered => Kind is not (AnswerKind.NotFound or AnswerKind.Suggestions or AnswerKind.NoSuchArticle);

    /// <summary>For the questions meter: answered, unsure (您是不是想问 suggestions) or unanswered.</summary>
    public string Outcome => Answered ? "answered" : Kind == AnswerKind.Suggestions ? "unsure" : "unanswered";
}
