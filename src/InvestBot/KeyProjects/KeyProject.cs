using InvestBot.Reporting;

namespace InvestBot.KeyProjects;

/// <summary>What a reporter enters about a project. Investment figures are in the unit of the kind's metric.</summary>
/// <param name="CoordinationGroup">The project's 协调推动组 of （六） (a group id), or empty when not assigned (optional; older rows have none).</param>
public sealed record ProjectDetails(
    string Name,
    string Kind,
    decimal TotalInvestment,
    string Chain,
    string Stage,
    DateOnly? ExpectedStart,
    DateOnly? ExpectedOperation,
    string Contact,
    string ContactPhone,
    string CoordinationGroup = "");

/// <summary>One project of the ledger as it stands now.</summary>
/// <param name="Level">重点/重大 as marked by an admin (key/major); empty until marked.</param>
/// <param name="ArrivedTotal">Sum of the monthly updates' arrived investment.</param>
/// <param name="RegisteredMonth">The calendar month (office time) the project was registered in; it counts as progress.</param>
/// <param name="LastUpdateMonth">The latest month a progress update was saved for.</param>
/// <param name="LastProgressMonth">The latest month with progress (stage advanced or investment arrived), or the registration month.</param>
/// <param name="Problems">问题及需协调事项 of the latest month's update (empty: none).</param>
public sealed record KeyProject(
    string UnitId,
    string Id,
    ProjectDetails Details,
    string Level,
    int Revision,
    decimal ArrivedTotal,
    ReportingMonth RegisteredMonth,
    ReportingMonth? LastUpdateMonth,
    ReportingMonth LastProgressMonth,
    string Problems,
    string CreatedBy,
    string? CreatedByName,
    DateTimeOffset CreatedAt,
    string ChangedBy,
    string? ChangedByName,
    DateTimeOffset ChangedAt)
{
    public string Name => Details.Name;
    public string Stage => Details.Stage;
}

/// <summary>A month's progress report of one project (one per project and month; a correction replaces it).</summary>
/// <param name="StageBefore">The stage the project was in when the month's first update was saved.</param>
/// <param name="Arrived">Investment arrived in that month, in the kind's metric unit.</param>
public sealed record ProgressUpdate(
    string UnitId,
    string ProjectId,
    ReportingMonth Month,
    string StageBefore,
    string Stage,
    decimal Arrived,
    string Problems,
    bool Late,
    string By,
    string? ByName,
    DateTimeOffset At);

/// <summary>What the reporter enters in a month's progress form.</summary>
public sealed record ProgressInput(string Stage, decimal Arrived, string Problems);

public enum ProjectChange { Registered, Edited, Marked, Progress }

/// <summary>One append-only history row: who changed the project how, from which state to which.</summary>
public sealed record ProjectRevision(
    string UnitId,
    string ProjectId,
    int Revision,
    ProjectChange Change,
    ReportingMonth? Month,
    string? Before,
    string After,
    string By,
    string? ByName,
    DateTimeOffset At);

/// <summary>What an admin enters about a problem a check found.</summary>
public sealed record FindingInput(string Source, string Text);

/// <summary>A finding marked 已整改 (区合作交流办设定: the document asks only that findings be reported): by whom, when, and a short note.</summary>
public sealed record FindingRectification(string By, string? ByName, DateTimeOffset At, string Note);

/// <summary>
/// A problem found by a 上级 or 本级 check on a project (（二十六）“及时通报上级和本级检查发现的问题”), recorded by an admin.
/// Kept apart from the unit's own 问题及需协调事项. Belongs to the month being checked when it was recorded. Never deleted:
/// only its 整改 state changes, each change kept as a history row.
/// </summary>
public sealed record CheckFinding(string UnitId, string ProjectId, string Id, ReportingMonth Month, string Source, string Text,
    string By, string? ByName, DateTimeOffset At)
{
    /// <summary>How many times its 整改 state changed (0 as recorded); a card's button carries it, so a stale press changes nothing.</summary>
    public int Revision { get; init; }

    /// <summary>null while 未整改 — also every finding stored before 整改 could be marked.</summary>
    public FindingRectification? Rectified { get; init; }

    public bool IsOpen => Rectified is null;

    public const string Superior = "superior";
    public const string Local = "local";

    /// <summary>The two kinds of check the article names, by id.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>
    {
        [Superior] = "上级检查", [Local] = "本级检查",
    };

    public string SourceName => Sources.GetValueOrDefault(Source, Source);
}

/// <summary>One change of a finding's 整改 state, kept as a history row (never overwritten).</summary>
/// <param name="Rectified">true: marked 已整改; false: reopened.</param>
public sealed record FindingStateChange(string FindingId, int Revision, bool Rectified, string Note, string By, string? ByName, DateTimeOffset At);
