using InvestBot.Teams.Cards;
using InvestBot.Teams;
using InvestBot.Organization;
using InvestBot.Reporting;
using Newtonsoft.Json.Linq;

namespace InvestBot.Reporting.Bot;

/// <summary>填报情况 (admins) and 我的填报 cards.</summary>
public static class ReportViewCards
{
    public const string RemindVerb = "report.remind";

    /// <param name="mayRemind">The reader may send 一键催报 (an admin; a read-only 督查 reader gets no such button).</param>
    public static JObject Status(MonthStatus status, UnitDirectory units, TimeZoneInfo zone, UnitRequirements requirements, MetricCatalog catalog,
        bool mayRemind = true)
    {
        var submitted = status.Submitted.ToList();
        var missing = status.Missing.ToList();
        var opening = status.InOpeningBalance.ToList();
        var state = status.State switch
        {
            WindowState.Open => $"填报中，{status.Deadline.Month}月{status.Deadline.Day}日截止",
            WindowState.Closed => "已截止（已锁定）",
            WindowState.NotYetOpen => $"尚未开始，{status.Opens.Month}月{status.Opens.Day}日起可填报",
            _ => $"尚未结束，{status.Opens.Month}月{status.Opens.Day}日起可填报",
        };
        var body = new List<JToken?>
        {
            Card.Title($"{status.Month.Label}填报情况"),
            Card.Text($"{state}。已报 {submitted.Count} 个单位，未报 {missing.Count} 个单位" +
                (opening.Count > 0 ? $"，{opening.Count} 个单位按期初累计录入。" : "。")),
            Card.Heading($"未报（{missing.Count}）"),
        };
        foreach (var kind in units.Kinds)
        {
            var names = missing.Where(u => u.Unit.Kind == kind.Id).Select(u => u.Unit.Name + (u.Reopened ? "（已重新开放）" : "")).ToList();
            if (names.Count > 0) body.Add(Card.Text($"{kind.Name}：{string.Join("、", names)}", color: "Attention"));
        }
        if (missing.Count == 0) body.Add(Card.Text("全部单位均已提交。", color: "Good"));
        var noReporter = status.WithoutReporter.Select(u => u.Unit.Name).ToList();
        if (noReporter.Count > 0)
            body.Add(Card.Text($"其中无填报人（{noReporter.Count}）：{string.Join("、", noReporter)}。催报无法送达，请先绑定填报人。", size: "Small"));
        if (opening.Count > 0)
        {
            body.Add(Card.Heading($"期初累计（{opening.Count}）"));
            body.Add(Card.Text(string.Join("、", opening.Select(u => $"{u.Unit.Name}（{u.Opening!.MonthsLabel}）")), isSubtle: true));
        }
        body.Add(Card.Heading($"已报（{submitted.Count}）"));
        if (submitted.Count > 0)
            body.Add(Card.Facts(submitted.Select(u => (u.Unit.Name,
                $"{TimeZoneInfo.ConvertTime(u.Saved!.SubmittedAt, zone):M月d日 HH:mm} {CardText.Literal(u.Saved.SubmittedByName)}" + (u.Saved.Late ? " 逾期" : "")))));
        body.AddRange(Shortfalls(status, requirements, catalog));
        var remind = mayRemind && status.ToRemind.Any()
            ? Card.Execute($"一键催报（{status.ToRemind.Count()} 个单位）", RemindVerb, new ReportMonthPayload(status.Month.Key).ToData())
            : null;
        return Card.Create(body, new[] { remind, Card.Say("导出 Excel", $"导出 {status.Month.Key}") }, $"{status.Month.Label}填报情况");
    }

    /// <summary>What 一键催报 did: who was reminded, who could not be reached, which units have nobody to remind.</summary>
    public static JObject Reminded(ReportingMonth month, int units, IReadOnlyList<string> reached, IReadOnlyList<string> failed,
        IReadOnlyList<string> withoutReporter)
    {
        var body = new List<JToken?>
        {
            Card.Title($"一键催报：{month.Label}"),
            Card.Text(reached.Count > 0
                ? $"已向 {reached.Count} 位填报人发送提醒和填报表（{units} 个未报单位）。"
                : $"提醒未能送达任何填报人（{units} 个未报单位）。", color: reached.Count > 0 ? "Good" : "Attention"),
            reached.Count > 0 ? Card.Text("已送达：" + Names(reached), size: "Small") : null,
            failed.Count > 0
                ? Card.Text($"未能送达（{failed.Count}）：{Names(failed)}。他们还没有与 InvestBot 私聊过（或 Teams 拒收），请另行通知。",
                    color: "Attention", size: "Small")
                : null,
            withoutReporter.Count > 0
                ? Card.Text($"无填报人（{withoutReporter.Count}）：{string.Join("、", withoutReporter)}。请先绑定填报人（绑定 单位 @某人）。",
                    color: "Warning", size: "Small")
                : null,
        };
        return Card.Create(body, fallbackText: $"一键催报：{month.Label}");
    }

    /// <summary>Reporters' display names, as they set them: shown literally.</summary>
    private static string Names(IEnumerable<string> names) => string.Join("、", names.Select(CardText.Literal));

    /// <summary>（七）（八）: submitted units whose reported team is below the document's minimum, one line each.</summary>
    private static IEnumerable<JObject> Shortfalls(MonthStatus status, UnitRequirements requirements, MetricCatalog catalog)
    {
        var lines = status.Submitted
            .SelectMany(u => requirements.ShortfallsOf(u.Unit.Id, u.Unit.Kind, status.Month.Year, u.Saved!.Values)
                .Select(s => $"{u.Unit.Name}：{catalog.NameFor(s.Requirement.MetricId, u.Unit.Kind)} " +
                             $"{FigureFormService.Format(s.Actual)}{catalog.Find(s.Requirement.MetricId)?.Unit}，" +
                             $"未达到最低 {FigureFormService.Format(s.Requirement.Value)}{catalog.Find(s.Requirement.MetricId)?.Unit}" +
                             $"{Common.RuleSource.Cite(s.Requirement.Source)}"))
            .ToList();
        if (lines.Count == 0) yield break;
        yield return Card.Heading($"未达到最低人数（{lines.Count}）");
        yield return Card.Text(string.Join("\n", lines.Select(l => "- " + l)), color: "Warning");
    }

    public static JObject Mine(Unit unit, int year, IReadOnlyList<SavedFigures> months, MetricCatalog catalog, TimeZoneInfo zone)
    {
        var metrics = catalog.ForKind(unit.Kind);
        var body = new List<JToken?> { Card.Title($"{unit.Name} {year}年填报记录") };
        if (months.Count == 0) body.Add(Card.Text("今年还没有提交过数据。发送“填报”开始填写。", isSubtle: true));
        foreach (var saved in months.OrderByDescending(m => m.Month))
        {
            body.Add(Card.Heading($"{saved.Month.Label}" + (saved.Late ? "（逾期补报）" : "")));
            body.Add(Card.Text($"{CardText.Literal(saved.SubmittedByName)} 于 {TimeZoneInfo.ConvertTime(saved.SubmittedAt, zone):M月d日 HH:mm} 提交（第 {saved.Revision} 版）", isSubtle: true, spacing: "None"));
            body.Add(Card.Facts(metrics.Where(m => saved.Values.ContainsKey(m.Id))
                .Select(m => (m.Name, $"{FigureFormService.Format(saved.Values[m.Id])} {m.Unit}"))));
        }
        return Card.Create(body, new[] { Card.Say("填报", "填报") }, $"{unit.Name}填报记录");
    }
}
