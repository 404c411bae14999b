using InvestBot.Common;
using InvestBot.Reporting;
using MiniExcelLibs;

namespace InvestBot.KeyProjects;

/// <summary>
/// The two downloadable documents: the ledger (重点项目台账, every project with its month's progress) and the quarter's
/// 督查报告 for the 区级招商引资工作领导小组 (（二十六）“撰写督查报告呈报…”), both .xlsx with one sheet per part.
/// </summary>
public sealed class KeyProjectWorkbooks(KeyProjectViews views, KeyProjectStore store, MajorProjectReportBuilder reports, KeyProjectRules rules,
    OfficeClock clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The ledger holds 待认定 projects too, so it is the 项目台账, not a list of 重点 projects.</summary>
    public static string LedgerFileName(ReportingMonth month) => $"项目台账-{month.Key}.xlsx";

    public static string SupervisionFileName(ReportQuarter quarter) => $"重大招商项目督查报告-{quarter.Key}.xlsx";

    public async Task<byte[]> LedgerAsync(ReportingMonth month, CancellationToken ct = default)
    {
        var updates = (await store.ListUpdatesAsync(month, month, ct)).ToDictionary(u => (u.UnitId, u.ProjectId));
        var findings = (await store.ListFindingsAsync(month, month, ct)).ToLookup(f => (f.UnitId, f.ProjectId));
        var rows = (await views.StatusesAsync(month, updates, ct)).Select(s =>
        {
            var p = s.Project;
            var kind = rules.Kind(p.Details.Kind);
            return new Dictionary<string, object?>
            {
                ["单位"] = s.Unit.Name,
                ["项目名称"] = p.Name,
                ["内资/外资"] = kind?.Name,
                ["级别"] = rules.LevelName(p.Level),
                ["产业方向"] = rules.Chain(p.Details.Chain)?.Name,
                ["协调推动组"] = rules.GroupName(p.Details.CoordinationGroup),
                ["阶段"] = rules.Stage(p.Stage)?.Name,
                ["计量单位"] = kind?.Unit,
                ["计划总投资"] = p.Details.TotalInvestment,
                ["累计到位"] = p.ArrivedTotal,
                [$"{month.Label}到位"] = s.ThisMonth?.Arrived,
                [$"{month.Label}进展"] = s.ThisMonth is null ? "未更新" : s.ThisMonth.Late ? "已更新（逾期）" : "已更新",
                ["问题及需协调事项"] = s.ThisMonth?.Problems ?? p.Problems,
                ["上级和本级检查发现的问题"] = string.Join("\n", findings[(p.UnitId, p.Id)].Select(f => $"【{f.SourceName}】{f.Text}（{State(f)}）")),
                ["停滞"] = s.Stalled ? $"是（{s.MonthsWithoutProgress}个月无进展）" : "",
                ["最近进展月份"] = p.LastProgressMonth.Label,
                ["预计开工"] = p.Details.ExpectedStart?.ToString("yyyy-MM-dd"),
                ["日期核对"] = s.DateConflict?.TrimStart('⚠', ' ') ?? "",
                ["预计投产"] = p.Details.ExpectedOperation?.ToString("yyyy-MM-dd"),
                ["联系人"] = p.Details.Contact,
                ["联系电话"] = p.Details.ContactPhone,
                ["登记人"] = p.CreatedByName,
                ["登记时间"] = clock.ToLocal(p.CreatedAt).ToString("yyyy-MM-dd HH:mm"),
            };
        }).ToList();
        return await SaveAsync(new Dictionary<string, object> { [month.Key] = OrNone(rows, "单位") }, ct);
    }

    public async Task<byte[]> SupervisionAsync(ReportQuarter quarter, CancellationToken ct = default)
    {
        var report = await reports.BuildAsync(quarter, ct);
        var extras = await reports.ExtrasAsync(quarter, report, ct);
        var basis = rules.Articles["supervisionReport"];
        var summary = new List<Dictionary<string, object?>>
        {
            Line("标题", $"宝坻区重大招商项目推进情况督查报告（{quarter.Label}）"),
            Line("呈报", "区级招商引资工作领导小组各位领导"),
            Line("依据", $"{rules.Heading(basis.Article ?? 26)}：{basis.Quote}"),
            Line("编制", $"区合作交流办 · {clock.ToLocal(report.GeneratedAt):yyyy年M月d日 HH:mm}（据重点项目台账生成）"),
            Line("重大项目", $"{report.Projects.Count} 个"),
            Line("计划总投资", Amounts(report.Sum(l => l.Plan))),
            Line("本季度到位", Amounts(report.Sum(l => l.ArrivedInQuarter))),
            Line("累计到位", Amounts(report.Sum(l => l.ArrivedToDate))),
            Line("停滞项目", $"{report.Stalled.Count()} 个（连续{report.StalledMonths}个月无进展，区合作交流办设定）"),
            Line("待协调问题", $"{report.WithProblems.Count()} 项（单位报送）"),
            Line("检查发现的问题", $"{extras.Findings.Count} 项（上级和本级检查，{rules.Describe(rules.Articles["checkFindings"])}），" +
                $"其中已整改 {extras.Findings.Count(x => !x.Finding.IsOpen)} 项（整改标记为区合作交流办设定）"),
        };
        var stages = report.ByStage.Select(l =>
        {
            var row = new Dictionary<string, object?> { ["阶段"] = l.StageName, ["项目数"] = l.Projects };
            foreach (var kind in rules.Kinds)
            {
                var plan = Amount(l.Plan, kind.Name);
                var toDate = Amount(l.ArrivedToDate, kind.Name);
                row[$"{kind.Name}计划总投资（{kind.Unit}）"] = plan;
                row[$"{kind.Name}本季度到位（{kind.Unit}）"] = Amount(l.ArrivedInQuarter, kind.Name);
                row[$"{kind.Name}累计到位（{kind.Unit}）"] = toDate;
                row[$"{kind.Name}到位率"] = plan == 0 ? null : $"{toDate / plan * 100:0.#}%";
            }
            return row;
        }).ToList();
        var projects = report.Projects.Select(p => new Dictionary<string, object?>
        {
            ["阶段"] = p.StageName,
            ["单位"] = p.UnitName,
            ["项目名称"] = p.Name,
            ["内资/外资"] = p.KindName,
            ["产业方向"] = p.ChainName,
            ["协调推动组"] = extras.GroupOf(p),
            ["计量单位"] = p.Unit,
            ["计划总投资"] = p.TotalInvestment,
            ["本季度到位"] = p.ArrivedInQuarter,
            ["累计到位"] = p.ArrivedToDate,
            ["到位率"] = p.TotalInvestment == 0 ? null : $"{p.ArrivedToDate / p.TotalInvestment * 100:0.#}%",
            ["本季度更新月数"] = p.MonthsUpdated,
            ["停滞"] = p.Stalled ? $"是（{p.MonthsWithoutProgress}个月无进展）" : "",
            ["问题及需协调事项"] = p.Problems,
        }).ToList();
        var problems = report.WithProblems.Select(p => new Dictionary<string, object?>
        {
            ["单位"] = p.UnitName, ["项目名称"] = p.Name, ["月份"] = p.ProblemsMonth, ["问题及需协调事项"] = p.Problems,
        }).ToList();
        var found = extras.Findings.Select(x => new Dictionary<string, object?>
        {
            ["单位"] = x.Project.UnitName, ["项目名称"] = x.Project.Name, ["检查层级"] = x.Finding.SourceName, ["月份"] = x.Finding.Month.Label,
            ["发现的问题"] = x.Finding.Text, ["记录人"] = x.Finding.ByName, ["记录时间"] = clock.ToLocal(x.Finding.At).ToString("yyyy-MM-dd HH:mm"),
            ["整改情况"] = x.Finding.IsOpen ? KeyProjectTexts.Open : KeyProjectTexts.Closed,
            ["整改确认人"] = x.Finding.Rectified?.ByName,
            ["整改确认时间"] = x.Finding.Rectified is { } r ? clock.ToLocal(r.At).ToString("yyyy-MM-dd HH:mm") : null,
            ["整改说明"] = x.Finding.Rectified?.Note,
        }).ToList();
        var stalled = report.Stalled.Select(p => new Dictionary<string, object?>
        {
            ["单位"] = p.UnitName, ["项目名称"] = p.Name, ["阶段"] = p.StageName, ["连续无进展（月）"] = p.MonthsWithoutProgress,
        }).ToList();
        return await SaveAsync(new Dictionary<string, object>
        {
            ["报告"] = summary,
            ["分阶段情况"] = stages,
            ["重大项目明细"] = OrNone(projects, "项目名称"),
            ["问题及需协调事项"] = OrNone(problems, "项目名称"),
            ["上级和本级检查发现的问题"] = OrNone(found, "项目名称"),
            ["停滞项目"] = OrNone(stalled, "项目名称"),
        }, ct);
    }

    private string State(CheckFinding f) => f.Rectified is { } r
        ? KeyProjectTexts.RectifiedState(DateOnly.FromDateTime(clock.ToLocal(r.At).DateTime), r.ByName, r.Note)
        : KeyProjectTexts.Open;

    public static string Amounts(IEnumerable<Money> amounts) =>
        string.Join("；", amounts.Select(m => $"{m.KindName} {ProjectValidator.Format(m.Amount)} {m.Unit}")) is { Length: > 0 } s ? s : "—";

    private static decimal Amount(IEnumerable<Money> amounts, string kind) => amounts.Where(m => m.KindName == kind).Sum(m => m.Amount);

    private static Dictionary<string, object?> Line(string item, string content) => new() { ["项目"] = item, ["内容"] = content };

    /// <summary>An empty sheet still says so, instead of being blank.</summary>
    private static List<Dictionary<string, object?>> OrNone(List<Dictionary<string, object?>> rows, string column) =>
        rows.Count > 0 ? rows : [new() { [column] = "（无）" }];

    private static async Task<byte[]> SaveAsync(Dictionary<string, object> sheets, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }
}
