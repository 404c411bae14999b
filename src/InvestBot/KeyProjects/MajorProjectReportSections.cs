using System.Globalization;
using InvestBot.Common.Documents;

namespace InvestBot.KeyProjects;

/// <summary>
/// The parts of a Word document that the admin-only 督查报告 and the published 通报 write alike, from the report alone:
/// the overall figures, the stage table and the project list. Whatever else either document says is its own.
/// </summary>
public sealed class MajorProjectReportSections(KeyProjectRules rules)
{
    /// <summary>How many projects by stage, and per kind planned investment, arrival in the quarter and to date.</summary>
    public void Overview(OfficialDocument doc, MajorProjectReport report)
    {
        if (report.Projects.Count == 0)
        {
            doc.Paragraph($"截至{report.QuarterLabel}末，项目台账中没有重大招商项目。");
            return;
        }
        var stages = string.Join("、", report.ByStage.Select(s => $"{s.StageName} {s.Projects} 个"));
        doc.Paragraph($"截至{report.QuarterLabel}末，全区在库重大招商项目 {report.Projects.Count} 个，其中{stages}。");
        foreach (var kind in report.KindNames)
        {
            var plan = Sum(report.Sum(l => l.Plan), kind);
            var toDate = Sum(report.Sum(l => l.ArrivedToDate), kind);
            var inQuarter = Sum(report.Sum(l => l.ArrivedInQuarter), kind);
            if (plan.Amount == 0 && toDate.Amount == 0) continue;
            var rate = plan.Amount > 0 ? $"，到位率 {toDate.Amount / plan.Amount * 100:0.#}%" : "";
            doc.Paragraph($"{kind}项目计划总投资 {Amount(plan)}，本季度到位 {Amount(inQuarter)}，累计到位 {Amount(toDate)}{rate}。");
        }
    }

    public void StageTable(OfficialDocument doc, MajorProjectReport report, string caption) =>
        doc.Table(caption, [3, 2, .. report.KindNames.SelectMany(_ => new[] { 4, 4 })],
            [[new("阶段"), new("项目数"), .. report.KindNames.SelectMany(k => new DocCell[] { new($"{k}计划总投资"), new($"{k}累计到位") })]],
            report.ByStage.Select(s => (IReadOnlyList<DocCell>)
            [
                new(s.StageName), new(s.Projects.ToString(CultureInfo.InvariantCulture)),
                .. report.KindNames.SelectMany(k => new DocCell[] { new(Amount(Sum(s.Plan, k))), new(Amount(Sum(s.ArrivedToDate, k))) }),
            ]).ToList());

    /// <summary>Every project of the report as a landscape 附表.</summary>
    /// <param name="groupOf">The 督查报告's 协调推动组 column (not part of the published report); null leaves it out.</param>
    public static void ProjectAnnex(OfficialDocument doc, MajorProjectReport report, string caption, Func<ReportProject, string>? groupOf = null)
    {
        if (report.Projects.Count == 0) return;
        var group = groupOf is null ? null : new DocCell("协调推动组");
        doc.Annex(caption, [3, 4, 6, 2, .. groupOf is null ? Array.Empty<int>() : [4], 3, 3, 3, 3, 2, 6],
            [[new("阶段"), new("单位"), new("项目名称"), new("类别"), .. group is null ? Array.Empty<DocCell>() : [group], new("计划总投资"), new("本季度到位"),
                new("累计到位"), new("到位率"), new("停滞"), new("问题及需协调事项")]],
            report.Projects.Select(p => (IReadOnlyList<DocCell>)
            [
                new(p.StageName), new(p.UnitName), new(p.Name), new(p.KindName), .. groupOf is null ? Array.Empty<DocCell>() : [new(groupOf(p))],
                new($"{ProjectValidator.Format(p.TotalInvestment)}{p.Unit}"),
                new(ProjectValidator.Format(p.ArrivedInQuarter)), new(ProjectValidator.Format(p.ArrivedToDate)),
                new(p.TotalInvestment == 0 ? "—" : $"{p.ArrivedToDate / p.TotalInvestment * 100:0.#}%"),
                new(p.Stalled ? $"{p.MonthsWithoutProgress}个月" : ""), new(p.Problems),
            ]).ToList());
    }

    private Money Sum(IEnumerable<Money> amounts, string kind)
    {
        var list = amounts.Where(m => m.KindName == kind).ToList();
        return new Money(kind, list.FirstOrDefault()?.Unit ?? rules.Kinds.FirstOrDefault(k => k.Name == kind)?.Unit ?? "", list.Sum(m => m.Amount));
    }

    private static string Amount(Money m) => $"{ProjectValidator.Format(m.Amount)} {m.Unit}";
}
