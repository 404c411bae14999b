using InvestBot.Teams.Cards;
using InvestBot.Teams;
using InvestBot.Organization;
using InvestBot.Reporting;
using Newtonsoft.Json.Linq;

namespace InvestBot.Reporting.Bot;

/// <summary>填报情况 (admins) and 我的填报 cards.</summary>
public static class ReportViewCards
{
    public static JObject Status(MonthStatus status, UnitDirectory units, TimeZoneInfo zone)
    {
        var submitted = status.Submitted.ToList();
        var missing = status.Missing.ToList();
        var state = status.State switch
        {
            WindowState.Open => $"填报中，{status.Deadline.Month}月{status.Deadline.Day}日截止",
            WindowState.Closed => "已截止（已锁定）",
            WindowState.NotYetOpen => "尚未开始",
            _ => "本月尚未结束",
        };
        var body = new List<JToken?>
        {
            Card.Title($"{status.Month.Label}填报情况"),
            Card.Text($"{state}。已报 {submitted.Count} 个单位，未报 {missing.Count} 个单位。"),
            Card.Heading($"未报（{missing.Count}）"),
        };
        foreach (var kind in units.Kinds)
        {
            var names = missing.Where(u => u.Unit.Kind == kind.Id).Select(u => u.Unit.Name + (u.Reopened ? "（已重新开放）" : "")).ToList();
            if (names.Count > 0) body.Add(Card.Text($"{kind.Name}：{string.Join("、", names)}", color: "Attention"));
        }
        if (missing.Count == 0) body.Add(Card.Text("全部单位均已提交。", color: "Good"));
        body.Add(Card.Heading($"已报（{submitted.Count}）"));
        if (submitted.Count > 0)
            body.Add(Card.Facts(submitted.Select(u => (u.Unit.Name,
                $"{TimeZoneInfo.ConvertTime(u.Saved!.SubmittedAt, zone):M月d日 HH:mm} {u.Saved.SubmittedByName}" + (u.Saved.Late ? " 逾期" : "")))));
        return Card.Create(body, new[] { Card.Say("导出 Excel", $"导出 {status.Month.Key}") }, $"{status.Month.Label}填报情况");
    }

    public static JObject Mine(Unit unit, int year, IReadOnlyList<SavedFigures> months, MetricCatalog catalog, TimeZoneInfo zone)
    {
        var metrics = catalog.ForKind(unit.Kind);
        var body = new List<JToken?> { Card.Title($"{unit.Name} {year}年填报记录") };
        if (months.Count == 0) body.Add(Card.Text("今年还没有提交过数据。发送“填报”开始填写。", isSubtle: true));
        foreach (var saved in months.OrderByDescending(m => m.Month))
        {
            body.Add(Card.Heading($"{saved.Month.Label}" + (saved.Late ? "（逾期补报）" : "")));
            body.Add(Card.Text($"{saved.SubmittedByName} 于 {TimeZoneInfo.ConvertTime(saved.SubmittedAt, zone):M月d日 HH:mm} 提交（第 {saved.Revision} 版）", isSubtle: true, spacing: "None"));
            body.Add(Card.Facts(metrics.Where(m => saved.Values.ContainsKey(m.Id))
                .Select(m => (m.Name, $"{FigureFormService.Format(saved.Values[m.Id])} {m.Unit}"))));
        }
        return Card.Create(body, new[] { Card.Say("填报", "填报") }, $"{unit.Name}填报记录");
    }
}
