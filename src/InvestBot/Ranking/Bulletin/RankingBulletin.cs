using System.Globalization;
using InvestBot.Common;
using InvestBot.Common.Documents;
using InvestBot.Announcements;
using InvestBot.Reporting;
using MiniExcelLibs;

namespace InvestBot.Ranking.Bulletin;

/// <summary>
/// The 招商引资情况通报表 of （二十五）“在全区范围内进行通报”, as a Word document (GB/T 9704 layout) and the same content as
/// an .xlsx for filing. Built from the announcement's stored snapshot alone, so a document downloaded months later shows
/// what was published (and a 更正 is marked as one), never today's figures.
/// </summary>
public sealed class RankingBulletin(MetricCatalog catalog, OfficeClock clock)
{
    public const string Issuer = "区合作交流办";
    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Title(Announcement a) => $"宝坻区招商引资情况通报表（{a.Period.Label}）";

    public static string FileName(Announcement a, string extension) =>
        $"招商引资情况通报表-{a.Period.Key}{(a.IsCorrection ? $"-更正{a.Revision}" : "")}.{extension}";

    public static string CorrectionNote(Announcement a) =>
        $"本通报表为第 {a.Revision} 次更正，替代此前发布的{a.Period.Label}通报表，请以本通报表为准。";

    public byte[] Word(Announcement a)
    {
        var r = a.Ranking;
        var doc = new OfficialDocument(Title(a), Issuer, Published(a)) { Mark = a.IsCorrection ? "【更正】" : null };
        if (a.IsCorrection) doc.Paragraph(CorrectionNote(a), bold: true, color: "C00000");
        doc.Paragraph(Scope(a));

        doc.Heading("一、全区完成情况");
        if (r.District.Count == 0) doc.Paragraph("文件未规定本年度全区目标，本期不列全区完成情况。");
        else
        {
            foreach (var line in DistrictLines(a)) doc.Paragraph(line);
            doc.Table("全区年度累计完成情况", [5, 3, 3, 2, 2, 2],
                [[new("指标", Bold: true), new("累计完成"), new("全区年度目标"), new("完成率"), new("序时进度"), new("依据")]],
                r.District.Select(d => (IReadOnlyList<DocCell>)
                [
                    new(MetricName(d.MetricId)), new(Number(d.MetricId, d.Actual)), new(Number(d.MetricId, d.Target)),
                    new(Percent(d.Completion)), new(Percent(Pace(a))), new(RuleSource.Label(d.Source)),
                ]).ToList());
        }

        doc.Heading("二、各类单位排名");
        var annex = 1;
        foreach (var c in r.Categories)
            doc.Paragraph(CategoryLine(c) + (c.RankedUnits.Any() ? $"详见附表{annex++}。" : ""));

        if (InterviewLine(a) is { } interview)
        {
            doc.Heading("三、末位约谈");
            doc.Paragraph(interview, bold: r.Interviewed.Any());
        }

        if (r.TargetChecks.Count > 0)
        {
            doc.Heading(r.Interview is null ? "三、走出去招商组" : "四、走出去招商组");
            doc.Paragraph(GroupsLine(r));
            var metrics = r.TargetChecks[0].Metrics.Select(m => m.MetricId).ToList();
            doc.Table("走出去招商组年度目标完成情况", [4, .. metrics.Select(_ => 4), 2],
                [[new("组别"), .. metrics.Select(id => new DocCell($"{MetricName(id)}\n累计/目标（完成率）")), new("结果")]],
                r.TargetChecks.Select(t => (IReadOnlyList<DocCell>)
                [
                    new(t.UnitName),
                    .. metrics.Select(id => t.Metrics.FirstOrDefault(m => m.MetricId == id) is { } m
                        ? new DocCell($"{Number(id, m.Actual)}/{Number(id, m.Target ?? 0)}（{Percent(m.Completion ?? 0)}）") : new DocCell("—")),
                    new(t.Met ? "达标" : "未达标", Bold: !t.Met),
                ]).ToList());
        }

        doc.Heading("未报送和未设目标单位");
        foreach (var line in ApartLines(r)) doc.Paragraph(line);
        doc.Heading("说明");
        foreach (var line in Notes(r)) doc.Paragraph(line);

        annex = 1;
        foreach (var c in r.Categories.Where(c => c.RankedUnits.Any()))
        {
            var metrics = Metrics(c);
            List<DocCell> headings = [new("名次"), new("单位"), new("得分"), new("较上月"), new("项目"),
                .. metrics.Select(id => new DocCell($"{MetricName(id)}（{Unit(id)}）\n权重 {WeightOf(c, id)}"))];
            var header = new List<IReadOnlyList<DocCell>> { headings };
            var rows = new List<IReadOnlyList<DocCell>>();
            foreach (var u in c.RankedUnits)
            {
                var figures = metrics.Select(id => Figures(u, id)).ToList();
                string name = u.UnitName + (u.Interview ? "\n（约谈）" : "");
                rows.Add([new(Rank(u), 4), new(name, 4), new(Score(u), 4), new(Change(u), 4), new("当月"), .. figures.Select(f => new DocCell(f.Month))]);
                rows.Add([new("累计"), .. figures.Select(f => new DocCell(f.YearToDate))]);
                rows.Add([new("目标"), .. figures.Select(f => new DocCell(f.Target))]);
                rows.Add([new("完成率"), .. figures.Select(f => new DocCell(f.Completion))]);
            }
            doc.Annex($"附表{annex++}　{c.Category}招商引资情况排名（{a.Period.Label}）", [2, 6, 3, 3, 3, .. metrics.Select(_ => 4)], header, rows,
                $"{c.RankedUnits.Count()}/{c.Units.Count} 个单位参加排名；数据为{Coverage(a)}累计");
        }
        return doc.ToBytes();
    }

    public byte[] Workbook(Announcement a)
    {
        var r = a.Ranking;
        var summary = new List<Dictionary<string, object?>>
        {
            Line("标题", (a.IsCorrection ? "【更正】" : "") + Title(a)),
            Line("发布", $"{Issuer} {Published(a):yyyy年M月d日}"),
        };
        if (a.IsCorrection) summary.Add(Line("更正", CorrectionNote(a)));
        summary.Add(Line("范围", Scope(a)));
        summary.AddRange(DistrictLines(a).Select(l => Line("全区完成情况", l)));
        summary.AddRange(r.Categories.Select(c => Line(c.Category, CategoryLine(c))));
        if (InterviewLine(a) is { } interview) summary.Add(Line("末位约谈", interview));
        if (r.TargetChecks.Count > 0) summary.Add(Line("走出去招商组", GroupsLine(r)));
        summary.AddRange(ApartLines(r).Select(l => Line("未报送和未设目标", l)));
        summary.AddRange(Notes(r).Select(l => Line("说明", l)));

        var sheets = new Dictionary<string, object> { ["通报"] = summary };
        if (r.District.Count > 0)
            sheets["全区"] = r.District.Select(d => new Dictionary<string, object?>
            {
                ["指标"] = MetricName(d.MetricId), ["计量单位"] = Unit(d.MetricId), ["累计完成"] = d.Actual, ["全区年度目标"] = d.Target,
                ["完成率"] = Percent(d.Completion), ["序时进度"] = Percent(Pace(a)), ["依据"] = RuleSource.Label(d.Source),
            }).ToList();
        foreach (var c in r.Categories)
        {
            var metrics = Metrics(c);
            var rows = c.RankedUnits.Select(u =>
            {
                var row = new Dictionary<string, object?>
                {
                    ["名次"] = u.Rank, ["单位"] = u.UnitName, ["得分"] = u.Score, ["较上月"] = Change(u), ["约谈"] = u.Interview ? "是" : "",
                };
                foreach (var id in metrics)
                {
                    var m = u.Metric(id);
                    var label = $"{MetricName(id)}（{Unit(id)}）";
                    row[$"{label}当月"] = m?.ThisMonth;
                    row[$"{label}累计"] = m?.Actual;
                    row[$"{label}目标"] = m?.Target;
                    row[$"{label}完成率"] = m?.Completion is { } p ? Percent(p) : "—";
                }
                return row;
            }).ToList();
            sheets[SheetName(c.Category)] = rows.Count > 0 ? rows : [new Dictionary<string, object?> { ["名次"] = "（本月没有参加排名的单位）" }];
        }
        if (r.TargetChecks.Count > 0)
            sheets["走出去招商组"] = r.TargetChecks.Select(t =>
            {
                var row = new Dictionary<string, object?> { ["组别"] = t.UnitName };
                foreach (var m in t.Metrics)
                {
                    row[$"{MetricName(m.MetricId)}累计（{Unit(m.MetricId)}）"] = m.Actual;
                    row[$"{MetricName(m.MetricId)}目标"] = m.Target;
                    row[$"{MetricName(m.MetricId)}完成率"] = Percent(m.Completion ?? 0);
                }
                row["结果"] = t.Met ? "达标" : "未达标";
                return row;
            }).ToList();

        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private DateOnly Published(Announcement a) => DateOnly.FromDateTime(clock.ToLocal(a.PublishedAt).DateTime);

    private static string Coverage(Announcement a) => a.Ranking.Coverage ?? $"{a.Period.Year}年1—{a.Period.Month}月";

    private static string Scope(Announcement a)
    {
        var (reported, total) = a.Ranking.Reported;
        var end = a.Period.IsInterviewPeriod ? $"，为{a.Period.PeriodLabel}末" : "";
        return $"根据（二十五）“对于招商引资情况进行按月排位，形成招商引资情况通报表，在全区范围内进行通报”，现将{a.Period.Label}各单位招商引资情况通报如下。" +
               $"本期数据为{Coverage(a)}累计{end}；{total} 个单位中已报送 {reported} 个。";
    }

    /// <summary>The share of the year elapsed by the ranking month: the pace the district total is read against.</summary>
    private static decimal Pace(Announcement a) => a.Period.Month / 12m;

    private IEnumerable<string> DistrictLines(Announcement a) => a.Ranking.District.Select(d =>
        $"{MetricName(d.MetricId)}：累计完成 {Number(d.MetricId, d.Actual)}{Unit(d.MetricId)}，全区年度目标 {Number(d.MetricId, d.Target)}{Unit(d.MetricId)}" +
        $"{RuleSource.Cite(d.Source)}，完成 {Percent(d.Completion)}（序时进度 {Percent(Pace(a))}）。");

    private static string CategoryLine(CategoryRanking c)
    {
        var ranked = c.RankedUnits.ToList();
        if (ranked.Count == 0) return $"{c.Category}（{c.Units.Count} 个单位）：本月没有参加排名的单位。";
        var first = ranked.Where(u => u.Rank == 1).Select(u => $"{u.UnitName}（{Score(u)} 分）");
        var lastRank = ranked.Max(u => u.Rank);
        var last = ranked.Where(u => u.Rank == lastRank).Select(u => $"{u.UnitName}（{Score(u)} 分）");
        return $"{c.Category}（{ranked.Count}/{c.Units.Count} 个单位参加排名）：第一名 {string.Join("、", first)}；" +
               (ranked.Count > 1 ? $"末位 {string.Join("、", last)}。" : "");
    }

    /// <summary>At a quarter, half-year or year end only: who is summoned under （二十七）.</summary>
    private static string? InterviewLine(Announcement a)
    {
        var r = a.Ranking;
        if (r.Interview is not { } i) return null;
        var basis = $"根据（二十七）“对于季度、半年、全年排名后三位的单位主官进行约谈”，";
        var summoned = r.Interviewed.Select(u => u.UnitName).ToList();
        var text = i.TooFewRanked
            ? basis + $"{a.Period.PeriodLabel}参加排名的单位不足规定比例（{i.Ranked}/{i.Eligible}），本期不列约谈单位，由{Issuer}确定。"
            : summoned.Count == 0
                ? basis + $"{a.Period.PeriodLabel}无约谈单位。"
                : basis + $"{a.Period.PeriodLabel}排名后{i.Count}位、列入约谈的单位为：{string.Join("、", summoned)}。";
        if (i.Undecided.Count > 0) text += $"另有 {i.Undecided.Count} 个单位并列末位，由{Issuer}另行确定。";
        return text;
    }

    private string GroupsLine(RankingResult r)
    {
        var targets = string.Join("、", r.TargetChecks[0].Metrics.Select(m => $"{MetricName(m.MetricId)}不少于{Number(m.MetricId, m.Target ?? 0)}{Unit(m.MetricId)}"));
        return $"根据（二十八），每个走出去招商组年度目标为{targets}；完成目标的，干部任用上同等条件给予优先考虑。截至本期，" +
               $"{r.TargetChecks.Count} 个组中 {r.TargetChecks.Count(c => c.Met)} 个已达标。走出去招商组按年度目标考核，不参加排名和约谈。";
    }

    private static IEnumerable<string> ApartLines(RankingResult r)
    {
        var missing = r.Categories.SelectMany(c => c.NotSubmitted).Select(u => u.UnitName)
            .Concat(r.TargetChecks.Where(c => !c.Submitted).Select(c => c.UnitName)).ToList();
        yield return missing.Count == 0 ? "未报送单位：无。"
            : $"未报送单位（{missing.Count} 个）：{string.Join("、", missing)}" + (r.NotReported == NotReportedRule.RankLast ? "（排在本类最后）。" : "。");
        var noTarget = r.Categories.SelectMany(c => c.WithoutTargets).Select(u => u.UnitName).ToList();
        yield return noTarget.Count == 0 ? "未设目标单位：无。" : $"未设目标单位（{noTarget.Count} 个）：{string.Join("、", noTarget)}。";
    }

    private IEnumerable<string> Notes(RankingResult r)
    {
        if (r.CompletionCap > 0)
            yield return $"得分为各项指标年度累计完成率（完成值÷年度目标，单项最高按 {Percent(r.CompletionCap)} 计，{RuleSource.Office}）按权重加权之和，满分 100 分（各项均超额时最高 {r.CompletionCap * 100:0.#} 分）。";
        foreach (var c in r.Categories.Where(c => c.Weights.Count > 0))
            yield return $"{c.Category}各指标权重（{RuleSource.Office}）：{string.Join("、", c.Weights.Select(w => $"{MetricName(w.MetricId)} {w.Weight:0.##}"))}。";
        yield return r.NotReported == NotReportedRule.Exclude
            ? "未报送、未设目标的单位不参加排名和约谈。"
            : "未报送的单位排在本类最后，未设目标的单位不参加排名。";
        yield return "较上月为名次变化：↑ 上升，↓ 下降。";
    }

    private static IReadOnlyList<string> Metrics(CategoryRanking c) =>
        c.Weights.Count > 0 ? c.Weights.Select(w => w.MetricId).ToList() : c.KeyFigures;

    private static string WeightOf(CategoryRanking c, string id) =>
        c.Weights.FirstOrDefault(w => w.MetricId == id) is { } w ? w.Weight.ToString("0.##", CultureInfo.InvariantCulture) : "—";

    private sealed record Cells(string Month, string YearToDate, string Target, string Completion);

    private Cells Figures(RankedUnit u, string id) => u.Metric(id) is { } m
        ? new(m.ThisMonth is { } t ? Number(id, t) : "—", Number(id, m.Actual), m.Target is { } g ? Number(id, g) : "—",
            m.Completion is { } c ? Percent(c) : "—")
        : new("—", "—", "—", "—");

    private string MetricName(string id) => catalog.Find(id)?.ShortName ?? id;

    private string Unit(string id) => catalog.Find(id)?.Unit ?? "";

    private string Number(string id, decimal value)
    {
        var decimals = Math.Max(catalog.Find(id)?.Decimals ?? 0, 0);
        return Math.Round(value, decimals).ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
    }

    private static string Rank(RankedUnit u) => u.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—";

    private static string Score(RankedUnit u) => u.Score is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    private static string Change(RankedUnit u) => u.RankChange switch
    {
        null => "—",
        0 => "持平",
        > 0 and var up => $"↑{up}",
        var down => $"↓{-down}",
    };

    private static string Percent(decimal completion) => (completion * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static Dictionary<string, object?> Line(string item, string content) => new() { ["项目"] = item, ["内容"] = content };

    /// <summary>Excel sheet names: at most 31 characters, none of []:*?/\.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(ch => "[]:*?/\\".IndexOf(ch) < 0).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }
}
