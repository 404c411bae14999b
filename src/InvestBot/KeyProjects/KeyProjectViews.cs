using InvestBot.Access;
using InvestBot.Organization;
using InvestBot.Reporting;

namespace InvestBot.KeyProjects;

/// <summary>我的项目: one unit's projects in the month checked.</summary>
public sealed record UnitProjects(Unit Unit, ReportingMonth Month, DateOnly Deadline, IReadOnlyList<ProjectStatus> Projects)
{
    public int Missing => Projects.Count(p => p.ThisMonth is null);
}

public sealed record StageSummary(ProjectStage Stage, int Projects, int Stalled);

public sealed record UnitSummary(Unit Unit, int Projects, int Updated, int Stalled);

/// <summary>重点项目: every project of the month checked, stalled first (longest first), then by stage and unit; with counts.</summary>
public sealed record ProjectOverview(ReportingMonth Month, Unit? Filter, IReadOnlyList<ProjectStatus> Projects,
    IReadOnlyList<StageSummary> ByStage, IReadOnlyList<UnitSummary> ByUnit)
{
    public IEnumerable<ProjectStatus> Stalled => Projects.Where(p => p.Stalled);
}

/// <summary>The two ledger views. Admins see every unit; a reporter sees the bound unit only.</summary>
public sealed class KeyProjectViews(KeyProjectStore store, KeyProjectService service, KeyProjectRules rules, UnitDirectory units,
    UserRoles roles, ReportingWindow window)
{
    public async Task<(UnitProjects? View, string? Denied)> MineAsync(UserIdentity user, Unit? named, CancellationToken ct = default)
    {
        var (unit, denied) = await service.ResolveAsync(user, named, ct);
        if (denied is not null) return (null, denied);
        var month = service.CheckMonth;
        var projects = await store.ListUnitAsync(unit!.Id, ct);
        var updates = (await store.ListUpdatesAsync(month, month, ct)).Where(u => u.UnitId == unit.Id).ToDictionary(u => u.ProjectId);
        var statuses = projects.Select(p => service.StatusOf(p, unit, month, updates.GetValueOrDefault(p.Id))).ToList();
        return (new UnitProjects(unit, month, window.Deadline(month), statuses), null);
    }

    public async Task<(ProjectOverview? View, string? Denied)> OverviewAsync(UserIdentity user, Unit? filter, ReportingMonth? asked, CancellationToken ct = default)
    {
        if (!roles.IsAdmin(user)) return (null, "只有区合作交流办管理员可以查看全区重点项目；查看本单位项目请发送“我的项目”。");
        var month = asked ?? service.CheckMonth;
        var updates = (await store.ListUpdatesAsync(month, month, ct)).ToDictionary(u => (u.UnitId, u.ProjectId));
        var statuses = await StatusesAsync(month, updates, ct);
        if (filter is not null) statuses = statuses.Where(s => s.Unit.Id == filter.Id).ToList();
        var byStage = rules.Stages.Select(stage => new StageSummary(stage, statuses.Count(s => s.Project.Stage == stage.Id),
            statuses.Count(s => s.Project.Stage == stage.Id && s.Stalled))).ToList();
        var byUnit = statuses.GroupBy(s => s.Unit.Id)
            .Select(g => new UnitSummary(g.First().Unit, g.Count(), g.Count(s => s.ThisMonth is not null), g.Count(s => s.Stalled)))
            .OrderByDescending(u => u.Stalled).ThenBy(u => UnitOrder(u.Unit)).ToList();
        return (new ProjectOverview(month, filter, statuses, byStage, byUnit), null);
    }

    /// <summary>Every project with its status in <paramref name="month"/>, in the order the office reads them.</summary>
    public async Task<List<ProjectStatus>> StatusesAsync(ReportingMonth month, IReadOnlyDictionary<(string, string), ProgressUpdate> updates,
        CancellationToken ct = default) =>
        (await store.ListAllAsync(ct))
            .Select(p => units.FindById(p.UnitId) is { } unit ? service.StatusOf(p, unit, month, updates.GetValueOrDefault((p.UnitId, p.Id))) : null)
            .OfType<ProjectStatus>()
            .OrderByDescending(s => s.Stalled).ThenByDescending(s => s.Stalled ? s.MonthsWithoutProgress : 0)
            .ThenBy(s => rules.Stage(s.Project.Stage)?.Index ?? int.MaxValue)
            .ThenBy(s => UnitOrder(s.Unit)).ThenBy(s => s.Project.Name, StringComparer.Ordinal)
            .ToList();

    private int UnitOrder(Unit unit)
    {
        for (var i = 0; i < units.Units.Count; i++)
            if (units.Units[i].Id == unit.Id) return i;
        return int.MaxValue;
    }
}
