namespace InvestBot.Organization;

/// <summary>One responsible unit of the measures (a 街镇, a 区直部门, a 载体单位, a 走出去招商组 or a company).</summary>
public sealed record Unit(string Id, string Name, string Kind, IReadOnlyList<string> Aliases, bool Reports, string? Note)
{
    /// <summary>Why a unit does not report (and so is neither ranked nor summoned): an article (“（二十六）…”) or an office
    /// setting (“区合作交流办设定：…”). Required for every unit with Reports false; null for reporting units.</summary>
    public string? ReportsSource { get; init; }

    /// <summary>Why the office may make this unit's staff read-only 督查 users (（二十六）: 区纪委监委, 区委督查室 跟踪问效;
    /// （二十五）（二十六）: 区商务局). Null: nobody of this unit can be given the role.</summary>
    public string? SupervisorSource { get; init; }

    /// <summary>“区纪委监委不参与月度填报（依（二十六））”: the refusal names the rule it rests on.</summary>
    public string NotReportingMessage => ReportsSource is { } source
        ? $"{Name}不参与月度填报（{(Common.RuleSource.IsArticle(source) ? "依" + Common.RuleSource.Label(source) : Common.RuleSource.Office)}）。"
        : $"{Name}不参与月度填报。";
}

/// <summary>A kind of unit, with the ranking category its units are compared in (null: not ranked).</summary>
public sealed record UnitKind(string Id, string Name, string? RankingCategory);

/// <summary>A collective word in the document such as 各街镇; Kind null means it is only a remark (各相关单位).</summary>
public sealed record GroupWord(string Word, string? Kind, string? Remark);

public static class UnitKinds
{
    public const string Town = "town";
    public const string Department = "department";
    public const string Platform = "platform";
    public const string OutboundGroup = "outboundGroup";
    public const string Company = "company";
}
