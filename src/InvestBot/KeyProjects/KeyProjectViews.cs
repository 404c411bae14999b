using InvestBot.Access;
using InvestBot.Organization;
using InvestBot.Reporting;

namespace InvestBot.KeyProjects;

/// <summary>我的项目: one unit's projects in the month checked.</summary>
/// <param name="Missing">Projects still to update this month (those in operation need no monthly update).</param>
/// <param name="Today">The office's day the view was made: a deadline before it is said as past.</param>
public sealed record UnitProjects(Unit Unit, ReportingMonth Month, DateOnly Deadline, IReadOnlyList<ProjectStatus> Projects, int Missing, DateOnly Today);

public sealed record StageSummary(ProjectStage Stage, int Projects, int Stalled);

public sealed record UnitSummary(Unit Unit, int Projects, int Updated, int Stalled);

/// <summary>The monthly check (command 重点项目): every project — 待认定 ones included — of the month checked, stalled first (longest first), then by stage and unit; with counts.</summary>
/// <param name="Findings">Problems found by 上级/本级 checks filed under the month, and those of earlier months still 未整改; listed apart from the units' own problems.</param>
public sealed record ProjectOverview(ReportingMonth Month, Unit? Filter, IReadOnlyList<ProjectStatus> Projects,
    IReadOnlyList<StageSummary> ByStage, IReadOnlyList<UnitSummary> ByUnit)
{
    public IReadOnlyList<CheckFinding> Findings { get; init; } = [];

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
        var updates = (await store.ListUpdatesAsync(month, month, ct)).Where(u => u.UnitId == unit.Id).ToDictionary(u => (u.UnitId, u.ProjectId));
        return (UnitView(unit, month, projects, updates), null);
    }

    /// <summary>Every unit with projects, as 我的项目 shows it, from two queries (for the reminders).</summary>
    public async Task<IReadOnlyList<UnitProjects>> AllUnitsAsync(CancellationToken ct = default)
    {
        var month = service.CheckMonth;
        // Keyed by (unit, project): project ids are chosen by clients, so two units may use the same one.
        var updates = (await store.ListUpdatesAsync(month, month, ct)).ToDictionary(u => (u.UnitId, u.ProjectId));
        return (await store.ListAllAsync(ct)).GroupBy(p => p.UnitId)
            .Select(g => units.FindById(g.Key) is { } unit ? UnitView(unit, month, g.ToList(), updates) : null)
            .OfType<UnitProjects>().ToList();
    }

    private UnitProjects UnitView(Unit unit, ReportingMonth month, IReadOnlyList<KeyProject> projects,
        IReadOnlyDictionary<(string, string), ProgressUpdate> updates)
    {
        var statuses = projects.Select(p => service.StatusOf(p, unit, month, updates.GetValueOrDefault((p.UnitId, p.Id)))).ToList();
        return new UnitProjects(unit, month, window.Deadline(month), statuses, statuses.Count(NeedsUpdate), window.Today);
    }

    /// <summary>Before any ledger: the lower bound of “every earlier month”.</summary>
    private static readonly ReportingMonth EarliestMonth = new(2000, 1);

    public async Task<(ProjectOverview? View, string? Denied)> OverviewAsync(UserIdentity user, Unit? filter, ReportingMonth? asked, CancellationToken ct = default)
    {
        if (!roles.MayView(user)) return (null, KeyProjectTexts.OverviewAdminOnly);
        var month = asked ?? service.CheckMonth;
        var updates = (await store.ListUpdatesAsync(month, month, ct)).ToDictionary(u => (u.UnitId, u.ProjectId));
        var statuses = await StatusesAsync(month, updates, ct);
        if (filter is not null) statuses = statuses.Where(s => s.Unit.Id == filter.Id).ToList();
        var byStage = rules.Stages.Select(stage => new StageSummary(stage, statuses.Count(s => s.Project.Stage == stage.Id),
            statuses.Count(s => s.Project.Stage == stage.Id && s.Stalled))).ToList();
        var byUnit = statuses.GroupBy(s => s.Unit.Id)
            .Select(g => new UnitSummary(g.First().Unit, g.Count(), g.Count(s => s.ThisMonth is not null), g.Count(s => s.Stalled)))
            .OrderByDescending(u => u.Stalled).ThenBy(u => UnitOrder(u.Unit)).ToList();
        var names = statuses.ToDictionary(s => (s.Unit.Id, s.Project.Id));
        // A finding stays on the monthly check until it is marked 已整改: one recorded in March and still open is April's
        // business too. Rectified ones of earlier months are done; this month's are all counted.
        var findings = (await store.ListFindingsAsync(EarliestMonth, month, ct))
            .Where(f => names.ContainsKey((f.UnitId, f.ProjectId)) && (f.Month == month || f.IsOpen)).ToList();
        return (new ProjectOverview(month, filter, statuses, byStage, byUnit) { Findings = findings }, null);
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

    /// <summary>The month's update is still missing, and the project is not yet in operation.</summary>
    public bool NeedsUpdate(ProjectStatus status) => status.ThisMonth is null && status.Project.Stage != rules.FinalStage.Id;

    private int UnitOrder(Unit unit)
    {
        for (var i = 0; i < units.Units.Count; i++)
            if (units.Units[i].Id == unit.Id) return i;
        return int.MaxValue;
    }
}
