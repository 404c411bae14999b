using InvestBot.Announcements;
using InvestBot.Common;
using InvestBot.Common.Documents;

namespace InvestBot.KeyProjects;

/// <summary>
/// The published 重大招商项目推进情况通报 as a Word document (GB/T 9704 layout), for the leaders to file. Written from the
/// announcement's snapshot alone — the quarter's 重大 projects, stages, arrivals, problems and stalled projects as they were
/// published — so it never shows what the 督查报告 adds for the leading group (协调推动组, the checks' findings) nor later updates.
/// </summary>
public sealed class MajorProjectReportWord(MajorProjectReportSections sections, KeyProjectRules rules, OfficeClock clock)
{
    public const string Issuer = "区合作交流办";

    public static string Title(MajorProjectReport report) => $"宝坻区重大招商项目推进情况通报（{report.QuarterLabel}）";

    public static string FileName(MajorProjectReport report) =>
        $"重大招商项目推进情况通报-{report.QuarterKey}{(report.Revision > 0 ? $"-更正{report.Revision}" : "")}.docx";

    public byte[] Build(MajorProjectReport report)
    {
        var published = DateOnly.FromDateTime(clock.ToLocal(report.GeneratedAt).DateTime);
        var doc = new OfficialDocument(Title(report), Issuer, published) { Mark = report.Revision > 0 ? KeyProjectTexts.CorrectionMark : null };
        if (report.Revision > 0) doc.Paragraph(KeyProjectTexts.ReportCorrectionNote(report.QuarterLabel, report.Revision), bold: true, color: "C00000");
        doc.Paragraph($"根据{rules.Describe(rules.Articles["quarterlyReport"])}的要求，现将{report.QuarterLabel}全区重大招商项目推进情况通报如下。");

        doc.Heading("一、总体情况");
        sections.Overview(doc, report);
        sections.StageTable(doc, report, "表1　重大招商项目分阶段情况");

        doc.Heading("二、需协调解决的问题");
        var problems = report.WithProblems.ToList();
        if (problems.Count == 0) doc.Paragraph("本季度各单位未报送需协调解决的问题。");
        var n = 1;
        foreach (var p in problems)
            doc.Paragraph($"{n++}. {p.UnitName}“{p.Name}”：{p.Problems}（{p.ProblemsMonth}报送）。");

        doc.Heading("三、停滞项目");
        var stalled = report.Stalled.ToList();
        doc.Paragraph(stalled.Count == 0
            ? $"没有连续 {report.StalledMonths} 个月以上无进展的重大项目。"
            : $"连续 {report.StalledMonths} 个月以上无进展（阶段未推进且无投资到位，区合作交流办设定）的重大项目 {stalled.Count} 个：");
        n = 1;
        foreach (var p in stalled)
            doc.Paragraph($"{n++}. {p.UnitName}“{p.Name}”（{p.StageName}阶段），已连续 {p.MonthsWithoutProgress} 个月无进展。");

        doc.Paragraph("说明：计划总投资为各项目登记的总投资，内资按万元、外资按万美元分别统计；各项目明细见附表。");
        MajorProjectReportSections.ProjectAnnex(doc, report, $"附表　{report.QuarterLabel}重大招商项目明细");
        return doc.ToBytes();
    }
}

/// <summary>
/// The 通报 as the document of the quarterly report's announcements: the kernel signs and serves it like the ranking's
/// 通报表 (<see cref="AnnouncementDocumentLinks"/>). A correction is its own announcement, so its link opens its own document.
/// The card's link expires <see cref="KeyProjectRules.ReportLinkDays"/> after publication (区合作交流办设定).
/// </summary>
public sealed class MajorProjectReportDocument(MajorProjectReportWord word, KeyProjectRules rules) : IAnnouncementDocument
{
    public const string Path = "/api/keyprojects/report";

    public string Kind => MajorProjectPublisher.Kind;

    string IAnnouncementDocument.Path => Path;

    public IReadOnlyList<string> Formats { get; } = ["docx"];

    public DateTimeOffset CardLinkExpiry(AnnouncementRecord announcement) => announcement.PublishedAt.AddDays(rules.ReportLinkDays);

    public Task<AnnouncementFile?> BuildAsync(AnnouncementRecord announcement, string format, CancellationToken ct) =>
        Task.FromResult(MajorProjectPublisher.Read(announcement) is { } report
            ? new AnnouncementFile(word.Build(report), OfficialDocument.ContentType, MajorProjectReportWord.FileName(report))
            : null);

    public string InvalidLinkText => KeyProjectTexts.ReportLinkInvalid;

    public string ExpiredLinkText(string announcementId) => KeyProjectTexts.ReportLinkExpired(MajorProjectPublisher.QuarterKeyOf(announcementId), rules.ReportLinkDays);

    public string MissingText => KeyProjectTexts.ReportMissing;
}
