namespace InvestBot.Organization;

/// <summary>One responsible unit of the measures (a 街镇, a 区直部门, a 载体单位, a 走出去招商组 or a company).</summary>
public sealed record Unit(string Id, string Name, string Kind, IReadOnlyList<string> Aliases, bool Reports, string? Note);

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
