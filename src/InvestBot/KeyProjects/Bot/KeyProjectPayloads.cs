using InvestBot.Reporting.Bot;
using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;

namespace InvestBot.KeyProjects.Bot;

/// <summary>The project a button acts on (查看, 更新进展, 修改信息). Both ids are checked again on the server.</summary>
public sealed record ProjectRefPayload(string UnitId, string ProjectId) : CardPayload
{
    protected override bool IsValid() => UnitId is { Length: > 0 and <= 64 } && ProjectIds.IsValid(ProjectId);
}

/// <summary>登记 on the registration form: the project id minted when the form was shown, so a replay finds its project.</summary>
public sealed record RegisterPayload(string UnitId, string ProjectId) : CardPayload
{
    protected override bool IsValid() => UnitId is { Length: > 0 and <= 64 } && ProjectIds.IsValid(ProjectId);
}

/// <summary>保存 on the edit form: the revision the form showed (a stale one is refused by the store).</summary>
public sealed record EditPayload(string UnitId, string ProjectId, int Revision) : CardPayload
{
    protected override bool IsValid() => UnitId is { Length: > 0 and <= 64 } && ProjectIds.IsValid(ProjectId) && Revision >= 1;
}

/// <summary>提交 on the month's progress form: the month and the revision the form showed.</summary>
public sealed record ProjectProgressPayload(string UnitId, string ProjectId, string Month, int Revision) : CardPayload
{
    protected override bool IsValid() => UnitId is { Length: > 0 and <= 64 } && ProjectIds.IsValid(ProjectId)
        && Reporting.ReportingMonth.TryParse(Month) is not null && Revision >= 1;
}

/// <summary>认定为重点 / 认定为重大 / 取消认定 (admins): the level (key, major, none) and the revision shown.</summary>
public sealed record MarkPayload(string UnitId, string ProjectId, int Revision, string Level) : CardPayload
{
    protected override bool IsValid() => UnitId is { Length: > 0 and <= 64 } && ProjectIds.IsValid(ProjectId) && Revision >= 1
        && Level is { Length: > 0 and <= 16 };
}

/// <summary>记录 on an admin's check-finding form: the finding id minted when the form was shown, so a replay adds nothing.</summary>
public sealed record FindingPayload(string UnitId, string ProjectId, string FindingId) : CardPayload
{
    protected override bool IsValid() => UnitId is { Length: > 0 and <= 64 } && ProjectIds.IsValid(ProjectId) && ProjectIds.IsValid(FindingId);
}

/// <summary>整改完成 / 确认整改 / 重新打开 on a finding: which finding and the state revision shown (a stale one changes nothing).</summary>
public sealed record FindingStatePayload(string UnitId, string ProjectId, string FindingId, int Revision) : CardPayload
{
    protected override bool IsValid() => UnitId is { Length: > 0 and <= 64 } && ProjectIds.IsValid(ProjectId) && ProjectIds.IsValid(FindingId)
        && Revision is >= 0 and <= 10_000;
}

/// <summary>查看 under the overview's project list: the picked value "unitId/projectId".</summary>
public sealed record PickPayload(string Pick) : CardPayload
{
    protected override bool IsValid() => Pick is { Length: > 0 and <= 100 } && Pick.Split('/') is [{ Length: > 0 }, var id] && ProjectIds.IsValid(id);

    public static string ValueOf(KeyProject p) => p.UnitId + "/" + p.Id;

    [Newtonsoft.Json.JsonIgnore]
    public ProjectRefPayload Project => new(Pick.Split('/')[0], Pick.Split('/')[1]);
}

/// <summary>登记新项目: for an admin, the unit the list was about (null: the user's bound unit).</summary>
public sealed record NewProjectPayload(string? UnitId) : CardPayload
{
    protected override bool IsValid() => UnitId is null or { Length: > 0 and <= 64 };
}

/// <summary>A button that runs one of this capability's commands as if typed (the answers to （二十六） offer them).</summary>
public sealed record OpenCommandPayload(string Command) : CardPayload
{
    protected override bool IsValid() => Command is { Length: > 0 and <= 16 };
}

/// <summary>确认发布 / 取消 on the quarterly report's preview.</summary>
public sealed record ReportPayload(string Quarter, int Revision = 0) : CardPayload
{
    protected override bool IsValid() => ReportQuarter.TryParseKey(Quarter) is not null && Revision is >= 0 and <= 50;

    [Newtonsoft.Json.JsonIgnore]
    public ReportQuarter ReportQuarter => KeyProjects.ReportQuarter.TryParseKey(Quarter)!.Value;
}

/// <summary>The project and progress forms' inputs (ids in <see cref="ProjectFields"/>), as the text the user typed.</summary>
public static class ProjectInputs
{
    public static Dictionary<string, string?> From(JObject data, IEnumerable<string> fields) =>
        fields.ToDictionary(f => f, f => ReportFormPayload.AsText(data[f]));
}
