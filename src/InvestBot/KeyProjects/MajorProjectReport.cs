using InvestBot.Organization;
using InvestBot.Reporting;

namespace InvestBot.KeyProjects;

/// <summary>An amount in one kind's unit (内资 万元, 外资 万美元): the two are never added together.</summary>
public sealed record Money(string KindName, string Unit, decimal Amount);

/// <summary>One 重大 project as the quarter ended.</summary>
public sealed record ReportProject(string UnitId, string UnitName, string ProjectId, string Name, string KindName, string Unit,
    string ChainName, string StageName, int StageIndex, decimal TotalInvestment, decimal ArrivedInQuarter, decimal ArrivedToDate,
    bool Stalled, int MonthsWithoutProgress, int MonthsUpdated, string Problems, string? ProblemsMonth);

/// <summary>Per stage: how many projects, planned investment, investment arrived in the quarter and to date, per kind.</summary>
public sealed record StageLine(string StageName, int Projects, IReadOnlyList<Money> Plan, IReadOnlyList<Money> ArrivedInQuarter,
    IReadOnlyList<Money> ArrivedToDate);

/// <summary>
/// 重大招商项目推进情况通报 of one quarter (（二十六）“每季度通报重大招商项目推进情况”): per stage, investment arrived
/// against plan (the projects' planned total investment), the open problems (问题及需协调事项 of each project's latest update
/// in the quarter) and the stalled projects. A snapshot: published as computed, stored with the announcement.
/// </summary>
/// <param name="KindNames">内资, 外资 in the data file's order (totals are listed in it).</param>
public sealed record MajorProjectReport(string QuarterKey, string QuarterLabel, DateTimeOffset GeneratedAt,
    IReadOnlyList<StageLine> ByStage, IReadOnlyList<ReportProject> Projects, int StalledMonths, IReadOnlyList<string> KindNames)
{
    /// <summary>0 for the quarter's first publication, N for its N-th correction (更正项目通报).</summary>
    public int Revision { get; init; }

    public IEnumerable<ReportProject> WithProblems => Projects.Where(p => p.Problems.Length > 0);
    public IEnumerable<ReportProject> Stalled => Projects.Where(p => p.Stalled);

    /// <summary>Totals over every stage, per kind.</summary>
    public IReadOnlyList<Money> Sum(Func<StageLine, IReadOnlyList<Money>> pick) =>
        ByStage.SelectMany(pick).GroupBy(m => (m.KindName, m.Unit)).Select(g => new Money(g.Key.KindName, g.Key.Unit, g.Sum(m => m.Amount)))
            .OrderBy(m => KindNames.ToList().IndexOf(m.KindName)).ToList();
}

/// <summary>
/// What the 督查报告 adds to the published report (kept out of the snapshot, so a stored report still compares equal): each
/// 重大 project's 协调推动组 of （六）, and the problems 上级/本级 checks found in the quarter (（二十六）), apart from the
/// units' own 问题及需协调事项.
/// </summary>
public sealed record SupervisionExtras(IReadOnlyDictionary<(string UnitId, string ProjectId), string> GroupNames,
    IReadOnlyList<(ReportProject Project, CheckFinding Finding)> Findings)
{
    public string GroupOf(ReportProject p) => GroupNames.GetValueOrDefault((p.UnitId, p.ProjectId), "");
}

/// <summary>Builds the quarter's report from the ledger: 重大 projects registered or updated by the quarter's end.</summary>
public sealed class MajorProjectReportBuilder(KeyProjectStore store, KeyProjectRules rules, UnitDirectory units, TimeProvider time)
{
    public async Task<MajorProjectReport> BuildAsync(ReportQuarter quarter, CancellationToken ct = default)
    {
        var end = quarter.LastMonth;
        var projects = (await store.ListAllAsync(ct)).Where(p => p.Level == KeyProjectRules.MajorLevel).ToList();
        var updates = (await store.ListUpdatesAsync(new ReportingMonth(ReportingMonth.MinYear, 1), end, ct))
            .ToLookup(u => (u.UnitId, u.ProjectId));
        var lines = new List<ReportProject>();
        foreach (var project in projects)
        {
            var own = updates[(project.UnitId, project.Id)].OrderBy(u => u.Month).ToList();
            if (project.RegisteredMonth > end && own.Count == 0) continue; // not yet in the ledger that quarter
            // The project as the quarter ended: later updates do not count.
            var asOfEnd = ProjectProgress.Summarize(project with { RegisteredMonth = Min(project.RegisteredMonth, end) }, own, rules);
            var inQuarter = own.Where(u => u.Month >= quarter.FirstMonth).ToList();
            var latest = inQuarter.LastOrDefault();
            var kind = rules.Kind(project.Details.Kind)!;
            var stage = rules.Stage(asOfEnd.Stage) ?? rules.FirstStage;
            lines.Add(new ReportProject(project.UnitId, units.FindById(project.UnitId)?.Name ?? project.UnitId, project.Id, project.Name,
                kind.Name, kind.Unit, rules.Chain(project.Details.Chain)?.Name ?? "", stage.Name, stage.Index, project.Details.TotalInvestment,
                inQuarter.Sum(u => u.Arrived), asOfEnd.ArrivedTotal, ProjectProgress.IsStalled(asOfEnd, end, rules),
                ProjectProgress.MonthsWithoutProgress(asOfEnd, end), inQuarter.Count, latest?.Problems ?? "", latest?.Month.Label));
        }
        lines = lines.OrderBy(l => l.StageIndex).ThenByDescending(l => l.Stalled).ThenBy(l => l.UnitName, StringComparer.Ordinal)
            .ThenBy(l => l.Name, StringComparer.Ordinal).ToList();
        var byStage = rules.Stages.Select(stage =>
        {
            var inStage = lines.Where(l => l.StageIndex == stage.Index).ToList();
            return new StageLine(stage.Name, inStage.Count, PerKind(inStage, l => l.TotalInvestment), PerKind(inStage, l => l.ArrivedInQuarter),
                PerKind(inStage, l => l.ArrivedToDate));
        }).ToList();
        return new MajorProjectReport(quarter.Key, quarter.Label, time.GetUtcNow(), byStage, lines, rules.StalledMonths,
            rules.Kinds.Select(k => k.Name).ToList());
    }

    public async Task<SupervisionExtras> ExtrasAsync(ReportQuarter quarter, MajorProjectReport report, CancellationToken ct = default)
    {
        var listed = report.Projects.ToDictionary(p => (p.UnitId, p.ProjectId));
        var groups = (await store.ListAllAsync(ct)).Where(p => listed.ContainsKey((p.UnitId, p.Id)))
            .ToDictionary(p => (p.UnitId, p.Id), p => rules.GroupName(p.Details.CoordinationGroup));
        var findings = (await store.ListFindingsAsync(quarter.FirstMonth, quarter.LastMonth, ct))
            .Where(f => listed.ContainsKey((f.UnitId, f.ProjectId)))
            .Select(f => (listed[(f.UnitId, f.ProjectId)], f)).ToList();
        return new SupervisionExtras(groups, findings);
    }

    private IReadOnlyList<Money> PerKind(IReadOnlyList<ReportProject> lines, Func<ReportProject, decimal> amount) =>
        rules.Kinds.Select(k => new Money(k.Name, k.Unit, lines.Where(l => l.KindName == k.Name).Sum(amount)))
            .Where(m => m.Amount != 0 || lines.Any(l => l.KindName == m.KindName)).ToList();

    private static ReportingMonth Min(ReportingMonth a, ReportingMonth b) => a < b ? a : b;
}
