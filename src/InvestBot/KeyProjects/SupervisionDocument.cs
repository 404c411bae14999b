using InvestBot.Common;
using InvestBot.Common.Documents;

namespace InvestBot.KeyProjects;

/// <summary>
/// The quarter's 督查报告 as a written report to the leaders (（二十六）“撰写督查报告呈报区级招商引资工作领导小组各位领导”):
/// a Word document whose text is generated from the ledger — projects by stage, investment arrived against plan, the
/// projects that started or went into production this quarter, the stalled ones and why, the open problems and who must
/// act — then its tables. The .xlsx (<see cref="KeyProjectWorkbooks.SupervisionAsync"/>) stays as its annex.
/// </summary>
public sealed class SupervisionDocument(MajorProjectReportBuilder reports, MajorProjectReportSections sections, KeyProjectRules rules, OfficeClock clock)
{
    public const string Addressee = "呈报区级招商引资工作领导小组各位领导：";

    public static string FileName(ReportQuarter quarter) => $"重大招商项目督查报告-{quarter.Key}.docx";

    public static string Title(ReportQuarter quarter) => $"宝坻区重大招商项目推进情况督查报告（{quarter.Label}）";

    public async Task<byte[]> BuildAsync(ReportQuarter quarter, CancellationToken ct = default)
    {
        var report = await reports.BuildAsync(quarter, ct);
        var extras = await reports.ExtrasAsync(quarter, report, ct);
        // Where each project stood when the previous quarter ended: what "this quarter" changed.
        var before = (await reports.BuildAsync(quarter.Previous, ct)).Projects.ToDictionary(p => (p.UnitId, p.ProjectId), p => p.StageIndex);
        var basis = rules.Articles["supervisionReport"];
        var doc = new OfficialDocument(Title(quarter), "区合作交流办", clock.Today) { Addressee = Addressee };
        doc.Paragraph($"根据{rules.Heading(basis.Article ?? 26)}“{basis.Quote}”的要求，区合作交流办依据项目台账，对{quarter.Label}全区重大招商项目推进情况进行了督查，现报告如下。");

        doc.Heading("一、总体情况");
        sections.Overview(doc, report);

        doc.Heading("二、本季度新开工、新投产项目");
        var started = rules.Stage("started")?.Index ?? int.MaxValue;
        var operating = rules.Stage("operating")?.Index ?? int.MaxValue;
        int Before(ReportProject p) => before.TryGetValue((p.UnitId, p.ProjectId), out var i) ? i : -1;
        var newlyStarted = report.Projects.Where(p => p.StageIndex >= started && Before(p) < started && p.StageIndex < operating).ToList();
        var newlyOperating = report.Projects.Where(p => p.StageIndex >= operating && Before(p) < operating).ToList();
        doc.Paragraph(newlyStarted.Count == 0 ? "本季度没有新开工的重大项目。" : $"本季度新开工 {newlyStarted.Count} 个：{Names(newlyStarted)}。");
        doc.Paragraph(newlyOperating.Count == 0 ? "本季度没有新投产的重大项目。" : $"本季度新投产 {newlyOperating.Count} 个：{Names(newlyOperating)}。");

        doc.Heading("三、停滞项目及原因");
        var stalled = report.Stalled.ToList();
        if (stalled.Count == 0) doc.Paragraph($"没有连续 {report.StalledMonths} 个月以上无进展的重大项目。");
        else
        {
            doc.Paragraph($"连续 {report.StalledMonths} 个月以上无进展（区合作交流办设定）的重大项目 {stalled.Count} 个：");
            var n = 1;
            foreach (var p in stalled)
                doc.Paragraph($"{n++}. {p.UnitName}“{p.Name}”（{p.StageName}阶段），已连续 {p.MonthsWithoutProgress} 个月无进展。" +
                              (p.Problems.Length > 0 ? $"原因：{p.Problems}（{p.ProblemsMonth}报送）。" : "本季度未报送问题，原因待责任单位说明。") +
                              $"请{p.UnitName}限期说明情况、推进落实。");
        }

        doc.Heading("四、各单位报送的问题及需协调事项");
        var problems = report.WithProblems.ToList();
        if (problems.Count == 0) doc.Paragraph("本季度各单位未报送需协调解决的问题。");
        else
        {
            var n = 1;
            foreach (var p in problems)
                doc.Paragraph($"{n++}. {p.UnitName}“{p.Name}”：{p.Problems}（{p.ProblemsMonth}报送）。责任单位：{p.UnitName}；需跨部门协调的，提请领导小组研究。");
        }

        doc.Heading("五、上级和本级检查发现的问题");
        var checks = rules.Articles["checkFindings"];
        if (extras.Findings.Count == 0) doc.Paragraph($"本季度没有记录上级或本级检查发现的重大项目问题（{rules.Heading(checks.Article ?? 26)}“{checks.Quote}”）。");
        else
        {
            var open = extras.Findings.Count(x => x.Finding.IsOpen);
            doc.Paragraph($"根据“{checks.Quote}”的要求，本季度检查发现的问题 {extras.Findings.Count} 项，截至{clock.Today:yyyy年M月d日}" +
                          $"已整改 {extras.Findings.Count - open} 项、未整改 {open} 项（整改标记为区合作交流办设定）：");
            var n = 1;
            foreach (var (p, f) in extras.Findings)
                doc.Paragraph($"{n++}. 【{f.SourceName}】{p.UnitName}“{p.Name}”：{f.Text}（{f.Month.Label}检查）。" + (f.Rectified is { } r
                    ? $"{KeyProjectTexts.RectifiedState(DateOnly.FromDateTime(clock.ToLocal(r.At).DateTime), r.ByName, r.Note)}。"
                    : $"{KeyProjectTexts.Open}，请{p.UnitName}对照整改。"));
        }

        sections.StageTable(doc, report, "表1　重大招商项目分阶段情况");
        doc.Paragraph("附件：重大招商项目督查报告明细表（Excel，与本报告同时下载）");

        MajorProjectReportSections.ProjectAnnex(doc, report, $"附表　{quarter.Label}重大招商项目明细", extras.GroupOf);
        return doc.ToBytes();
    }

    private static string Names(IEnumerable<ReportProject> projects) => string.Join("；", projects.Select(p => $"{p.UnitName}“{p.Name}”"));
}
