using System.Globalization;
using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;

namespace InvestBot.Reporting.Bot;

/// <summary>The 期初累计 card (admins) and what replaces it once saved.</summary>
public static class OpeningBalanceCards
{
    public const string SaveVerb = "opening.save";
    public const string OpenVerb = "opening.open";

    public static JObject Form(OpeningEntry entry, IReadOnlyDictionary<string, string> errors, string? notice)
    {
        var body = new List<JToken?>
        {
            Card.Title($"期初累计：{entry.Unit.Name} {entry.Year}年"),
            Card.Text(ReportingTexts.OpeningExplained, isSubtle: true, size: "Small"),
            notice is null ? null : Card.Text(CardText.Literal(notice), color: errors.Count > 0 ? "Attention" : null, isSubtle: errors.Count == 0),
            ThroughMonth(entry),
        };
        if (errors.TryGetValue(OpeningBalanceService.ThroughMonthField, out var monthError)) body.Add(Error(monthError));
        foreach (var m in entry.Metrics)
        {
            var input = new JObject
            {
                ["type"] = "Input.Text",
                ["id"] = ReportCards.InputPrefix + m.Id,
                ["label"] = $"{m.Name}（{m.Unit}，1月至截至月份累计）",
                ["placeholder"] = m.Unit.Contains('元') ? "累计数，可写 8亿、8000万 或 80,000；没有请填 0" : "累计数，没有请填 0",
                ["isRequired"] = true,
                ["errorMessage"] = FigureValidator.Required,
            };
            if (entry.Inputs.TryGetValue(m.Id, out var v) && v.Length > 0) input["value"] = v;
            body.Add(input);
            if (errors.TryGetValue(m.Id, out var e)) body.Add(Error(e));
        }
        var data = new OpeningFormPayload(entry.Unit.Id, entry.Year, entry.Revision).ToData();
        return Card.Create(body, [Card.Execute("保存期初累计", SaveVerb, data, "positive")], $"{entry.Unit.Name}{entry.Year}年期初累计");
    }

    private static JObject ThroughMonth(OpeningEntry entry)
    {
        var choices = new JArray(Enumerable.Range(1, entry.MaxMonth).Select(m => new JObject
        {
            ["title"] = m == 1 ? "截至1月（只含1月）" : $"截至{m}月（1—{m}月）",
            ["value"] = m.ToString(CultureInfo.InvariantCulture),
        }));
        if (entry.ThroughMonth > 0) choices.Add(new JObject { ["title"] = "不设期初累计（清除）", ["value"] = "0" });
        var input = new JObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = OpeningBalanceService.ThroughMonthField,
            ["label"] = "期初累计截至（此月及之前的月份不再逐月填报）",
            ["style"] = "compact",
            ["placeholder"] = "请选择月份",
            ["isRequired"] = true,
            ["errorMessage"] = "请选择截至月份",
            ["choices"] = choices,
        };
        if (entry.ThroughMonth > 0) input["value"] = entry.ThroughMonth.ToString(CultureInfo.InvariantCulture);
        return input;
    }

    public static JObject Saved(OpeningOutcome.Saved saved)
    {
        var b = saved.Balance;
        var body = new List<JToken?>
        {
            Card.Title(b.IsSet ? $"✅ 已保存 {saved.Unit.Name} {b.Year}年期初累计（{b.MonthsLabel}）" : $"✅ 已清除 {saved.Unit.Name} {b.Year}年期初累计"),
            b.IsSet
                ? Card.Facts(saved.Metrics.Where(m => b.Values.ContainsKey(m.Id)).Select(m => (m.Name, $"{FigureFormService.Format(b.Values[m.Id])} {m.Unit}")))
                : null,
            saved.Conversions.Count > 0
                ? Card.Text("换算：\n" + string.Join("\n", saved.Metrics.Where(m => saved.Conversions.ContainsKey(m.Id))
                    .Select(m => $"- {m.Name}：{CardText.Literal(saved.Conversions[m.Id])}")), size: "Small")
                : null,
            Card.Text(b.IsSet ? ReportingTexts.OpeningSavedNext(b.ThroughMonth) : ReportingTexts.OpeningCleared, isSubtle: true),
            saved.PublishedRankings.Count > 0 ? Card.Text(ReportingTexts.RankingsToCorrect(saved.PublishedRankings), color: "Warning") : null,
        };
        var data = new OpeningFormPayload(saved.Unit.Id, b.Year, null).ToData();
        return Card.Create(body, [Card.Execute("修改", OpenVerb, data)], $"{saved.Unit.Name}{b.Year}年期初累计已保存");
    }

    private static JObject Error(string text) => Card.Text("⚠ " + CardText.Literal(text), color: "Attention", spacing: "None");
}
