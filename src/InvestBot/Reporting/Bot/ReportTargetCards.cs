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

    public static JObject Form(Unit unit, int year, IReadOnlyList<Metric> metrics, IReadOnlyDictionary<string, string> values,
        IReadOnlyDictionary<string, string> errors, string? notice)
    {
        var body = new List<JToken?>
        {
            Card.Title($"{year}年度目标：{unit.Name}"),
            Card.Text(notice ?? "留空表示不设该项目标（或保持原值）。", color: errors.Count > 0 ? "Attention" : null, isSubtle: errors.Count == 0),
        };
        foreach (var m in metrics)
        {
            var input = new JObject
            {
                ["type"] = "Input.Text",
                ["id"] = ReportCards.InputPrefix + m.Id,
                ["label"] = $"{m.Name}（{m.Unit}）",
                ["placeholder"] = "年度目标",
            };
            if (values.TryGetValue(m.Id, out var v) && v.Length > 0) input["value"] = v;
            body.Add(input);
            if (errors.TryGetValue(m.Id, out var e)) body.Add(Card.Text("⚠ " + e, color: "Attention", spacing: "None"));
        }
        var data = new TargetFormPayload(unit.Id, year).ToData();
        return Card.Create(body, new[] { Card.Execute("保存目标", SaveVerb, data, "positive") }, $"{unit.Name}{year}年度目标");
    }

    public static JObject Saved(Unit unit, int year, IReadOnlyList<Metric> metrics, IReadOnlyDictionary<string, decimal> targets) => Card.Create(
        new JToken?[]
        {
            Card.Title($"✅ 已保存 {unit.Name} {year}年度目标"),
            Card.Facts(metrics.Where(m => targets.ContainsKey(m.Id)).Select(m => (m.Name, $"{TargetService.Format(targets[m.Id])} {m.Unit}"))),
        },
        new[] { Card.Say("目标汇总", $"目标汇总 {year}") });

    public static JObject Sum(int year, IReadOnlyList<TargetSum> sums) => Card.Create(
        new JToken?[]
        {
            Card.Title($"{year}年度目标汇总"),
            Card.Text("各单位目标合计与《三十条措施》规定的全区目标对比。", isSubtle: true),
            Card.Facts(sums.Where(s => s.District is not null || s.UnitsWithTarget > 0).Select(s => (s.Metric.Name, Describe(s)))),
        },
        fallbackText: $"{year}年度目标汇总");

    private static string Describe(TargetSum s)
    {
        var u = s.Metric.Unit;
        var text = $"{s.UnitsWithTarget} 个单位合计 {TargetService.Format(s.UnitsTotal)} {u}";
        if (s.District is null) return text + "（文件未规定全区目标）";
        var gap = s.Gap!.Value;
        return text + $" / 全区目标 {TargetService.Format(s.District.Value)} {u}{s.District.Source}，" +
            (gap >= 0 ? $"已覆盖（多 {TargetService.Format(gap)}）" : $"还差 {TargetService.Format(-gap)} {u}");
    }
}
