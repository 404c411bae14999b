using InvestBot.Organization;

namespace InvestBot.Knowledge;

/// <summary>One entry of an article's 责任单位 list: a unit, a group word (各街镇) or an unresolved name.</summary>
public sealed record ResponsibleParty(string Written, Unit? Unit, GroupWord? Group)
{
    public bool IsRemark => Unit is null && Group is { Kind: null };
}

public enum DutyReason
{
    /// <summary>The 责任单位 list names the unit.</summary>
    Named,
    /// <summary>The 责任单位 list names its group (各街镇, 区直各单位 …).</summary>
    Group,
    /// <summary>The article's text mentions the unit or its kind (e.g. 走出去招商组) but its 责任单位 does not.</summary>
    Mentioned,
}

public sealed record UnitDuty(PolicyArticle Article, DutyReason Reason, string? Via);

/// <summary>The parsed notice joined with the unit directory: who is responsible for what.</summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<int, IReadOnlyList<ResponsibleParty>> _responsible;
    // Duties depend only on the notice and units.json, both fixed for the process: worked out once per unit and kind
    // (each scans every article's text for unit names).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<UnitDuty>> _unitDuties = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<UnitDuty>> _kindDuties = new();

    public KnowledgeBase(PolicyDocument document, UnitDirectory units, KnowledgeLexicon lexicon)
    {
        Document = document;
        Units = units;
        Lexicon = lexicon;
        _responsible = document.Articles.ToDictionary(a => a.Number, a => (IReadOnlyList<ResponsibleParty>)a.ResponsibleNames
            .Select(n => new ResponsibleParty(n, units.FindByName(n), units.FindGroupWord(n)))
            .ToList());
    }

    public PolicyDocument Document { get; }
    public UnitDirectory Units { get; }
    public KnowledgeLexicon Lexicon { get; }

    public IReadOnlyList<ResponsibleParty> ResponsibleFor(PolicyArticle article) => _responsible[article.Number];

    /// <summary>Names in 责任单位 lists that are neither a unit nor a group word in units.json (should be none).</summary>
    public IEnumerable<string> UnresolvedNames() =>
        _responsible.Values.SelectMany(p => p).Where(p => p.Unit is null && p.Group is null).Select(p => p.Written).Distinct();

    /// <summary>Articles naming the unit, then those reaching it through its group, then those that only mention it.</summary>
    public IReadOnlyList<UnitDuty> DutiesOf(Unit unit) => _unitDuties.GetOrAdd(unit.Id, _ => FindDutiesOf(unit));

    private List<UnitDuty> FindDutiesOf(Unit unit)
    {
        var kindName = Units.KindOf(unit).Name;
        var duties = new List<UnitDuty>();
        foreach (var article in Document.Articles)
            if (ResponsibleFor(article).Any(p => p.Unit?.Id == unit.Id))
                duties.Add(new UnitDuty(article, DutyReason.Named, null));
        foreach (var article in Document.Articles.Where(a => duties.All(d => d.Article != a)))
            if (ResponsibleFor(article).FirstOrDefault(p => p.Group?.Kind == unit.Kind) is { } group)
                duties.Add(new UnitDuty(article, DutyReason.Group, group.Written));
        foreach (var article in Document.Articles.Where(a => duties.All(d => d.Article != a)))
        {
            var body = article.Body.Replace("“", "").Replace("”", "");
            if (Units.FindMentions(body).Any(u => u.Id == unit.Id))
                duties.Add(new UnitDuty(article, DutyReason.Mentioned, null));
            else if (body.Contains(kindName, StringComparison.Ordinal))
                duties.Add(new UnitDuty(article, DutyReason.Mentioned, kindName));
        }
        return duties;
    }

    /// <summary>A whole kind's duties (各街镇要做什么): articles naming its group word, then those mentioning the kind.</summary>
    public IReadOnlyList<UnitDuty> DutiesOfKind(UnitKind kind) => _kindDuties.GetOrAdd(kind.Id, _ => FindDutiesOfKind(kind));

    private List<UnitDuty> FindDutiesOfKind(UnitKind kind)
    {
        var duties = new List<UnitDuty>();
        foreach (var article in Document.Articles)
            if (ResponsibleFor(article).FirstOrDefault(p => p.Group?.Kind == kind.Id) is { } group)
                duties.Add(new UnitDuty(article, DutyReason.Group, group.Written));
        foreach (var article in Document.Articles.Where(a => duties.All(d => d.Article != a)))
            if (article.Body.Replace("“", "").Replace("”", "").Contains(kind.Name, StringComparison.Ordinal))
                duties.Add(new UnitDuty(article, DutyReason.Mentioned, kind.Name));
        return duties;
    }

    /// <summary>Articles whose 责任单位 is only 各相关单位 or includes it: not a fixed list of units.</summary>
    public IReadOnlyList<PolicyArticle> RemarkArticles() =>
        Document.Articles.Where(a => ResponsibleFor(a).Any(p => p.IsRemark)).ToList();

    /// <summary>How a 责任单位 entry reads on a card: 各街镇 gets its size, 各相关单位 its remark.</summary>
    public string Describe(ResponsibleParty party)
    {
        if (party.Unit is not null) return party.Unit.Name;
        if (party.Group is { Kind: { } kind })
        {
            var kindName = Units.Kinds.FirstOrDefault(k => k.Id == kind)?.Name ?? kind;
            return $"{party.Written}（全部{Units.OfKind(kind).Count()}个{kindName}）";
        }
        if (party.Group is { Remark: { } remark }) return remark;
        return party.Written;
    }
}
