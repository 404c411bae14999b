using InvestBot.Teams.Cards;
using InvestBot.Teams;
using InvestBot.Organization;
using InvestBot.Reporting;
using Newtonsoft.Json.Linq;

namespace InvestBot.Reporting.Bot;

/// <summary>The annual targets card (admins) and the 目标汇总 card.</summary>
public static class ReportTargetCards
{
    public const string SaveVerb = "target.save";

    /// <param name="documentTargets">The document's own targets for this unit (（三）（二十八）): shown as the placeholder, used when left empty.</param>
    public static JObject Form(Unit unit, int year, IReadOnlyList<Metric> metrics, IReadOnlyDictionary<string, string> values,
        IReadOnlyDictionary<string, string> errors, string? notice, IReadOnlyDictionary<string, UnitRequirement>? documentTargets = null)
    {
        var body = new List<JToken?>
        {
            Card.Title($"{year}年度目标：{unit.Name}"),
            Card.Text(notice is null ? ReportingTexts.TargetHint : CardText.Literal(notice), color: errors.Count > 0 ? "Attention" : null, isSubtle: errors.Count == 0),
        };
        foreach (var m in metrics)
        {
            var input = new JObject
            {
                ["type"] = "Input.Text",
                ["id"] = ReportCards.InputPrefix + m.Id,
                ["label"] = $"{m.Name}（{m.Unit}）",
                ["placeholder"] = documentTargets?.GetValueOrDefault(m.Id) is { } d
                    ? $"未录入时按文件规定 {TargetService.Format(d.Value)}{m.Unit}{Common.RuleSource.Cite(d.Source)}"
                    : "年度目标",
            };
            if (values.TryGetValue(m.Id, out var v) && v.Length > 0) input["value"] = v;
            body.Add(input);
            if (errors.TryGetValue(m.Id, out var e)) body.Add(Card.Text("⚠ " + CardText.Literal(e), color: "Attention", spacing: "None"));
        }
        var data = new TargetFormPayload(unit.Id, year).ToData();
        return Card.Create(body, new[] { Card.Execute("保存目标", SaveVerb, data, "positive") }, $"{unit.Name}{year}年度目标");
    }

    /// <param name="conversions">How amounts written with 亿/万 or separators were read, by metric id: echoed so a slip shows.</param>
    public static JObject Saved(Unit unit, int year, IReadOnlyList<Metric> metrics, IReadOnlyDictionary<string, decimal> targets,
        IReadOnlyDictionary<string, string>? conversions = null) => Card.Create(
        new JToken?[]
        {
            Card.Title($"✅ 已保存 {unit.Name} {year}年度目标"),
            Card.Facts(metrics.Where(m => targets.ContainsKey(m.Id)).Select(m => (m.Name, $"{TargetService.Format(targets[m.Id])} {m.Unit}"))),
            conversions is { Count: > 0 }
                ? Card.Text("换算：\n" + string.Join("\n", metrics.Where(m => conversions.ContainsKey(m.Id)).Select(m => $"- {m.Name}：{CardText.Literal(conversions[m.Id])}")), size: "Small")
                : null,
        },
        new[] { Card.Say("目标汇总", $"目标汇总 {year}") });

    /// <param name="noticeYears">The years the notice sets district totals for: the card names the notice's year.</param>
    public static JObject Sum(int year, IReadOnlyList<TargetSum> sums, IReadOnlyCollection<int> noticeYears) => Card.Create(
        new JToken?[]
        {
            Card.Title($"{year}年度目标汇总"),
            Card.Text(ReportingTexts.TargetSumSource(year, noticeYears), isSubtle: true),
            Card.Text("各单位现行目标（已录入的，未录入时取文件对该单位规定的目标）合计。文件只对个别单位规定目标的，列出这些单位目标之和，注明为推算。",
                isSubtle: true, size: "Small"),
            Card.Facts(sums.Where(s => s.District is not null || s.UnitsWithTarget > 0).Select(s => (s.Metric.Name, Describe(s, year)))),
        },
        fallbackText: $"{year}年度目标汇总");

    private static string Describe(TargetSum s, int year)
    {
        var u = s.Metric.Unit;
        var text = $"{s.UnitsWithTarget} 个单位合计 {TargetService.Format(s.UnitsTotal)} {u}";
        if (s.District is null && s.DocumentUnitTargets.Count > 0)
        {
            var parts = string.Join("、", s.DocumentUnitTargets.GroupBy(t => t.Requirement).Select(g => g.Key.UnitId is null
                ? $"{g.Count()}个单位各{TargetService.Format(g.Key.Value)}"
                : $"{g.First().Unit}{TargetService.Format(g.Key.Value)}"));
            var labels = string.Join("", s.DocumentUnitTargets.Select(t => Common.RuleSource.Label(t.Requirement.Source)).Distinct());
            return text + $" / 文件规定的单位目标之和 {TargetService.Format(s.DocumentUnitTargetsTotal)} {u}（推算：{labels}{parts}；文件未规定全区合计）";
        }
        if (s.District is null) return text + $"（文件未规定{year}年该项全区目标）";
        var gap = s.Gap!.Value;
        return text + $" / 全区目标 {TargetService.Format(s.District.Value)} {u}{Common.RuleSource.Label(s.District.Source)}，" +
            (gap >= 0 ? $"已覆盖（多 {TargetService.Format(gap)}）" : $"还差 {TargetService.Format(-gap)} {u}");
    }
}
