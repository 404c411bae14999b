using InvestBot.Teams.Cards;
using InvestBot.Teams;
using InvestBot.Reporting;
using Newtonsoft.Json.Linq;

namespace InvestBot.Reporting.Bot;

/// <summary>The monthly figures form and the receipt that replaces it.</summary>
public static class ReportCards
{
    public const string SubmitVerb = "report.submit";
    public const string OpenVerb = "report.open";
    /// <summary>Input ids are "m_" + metric id, so they never collide with the card's own data keys.</summary>
    public const string InputPrefix = "m_";

    public static JObject Form(FigureForm form)
    {
        var body = new List<JToken?>
        {
            Card.Title("月度数据填报"),
            Card.Facts(new[]
            {
                ("单位", form.Unit.Name),
                ("月份", form.Month.Label),
                ("截止", $"{form.Deadline.Month}月{form.Deadline.Day}日"),
            }),
            form.Late ? Card.Text("本月填报已截止，此次提交将记为逾期补报。", color: "Warning") : null,
            form.Notice is null ? null : Card.Text(CardText.Literal(form.Notice), color: form.Errors.Count > 0 ? "Attention" : "Default", isSubtle: form.Errors.Count == 0),
            Card.Text(ReportingTexts.FormBasis(form.Month.Month, form.Metrics.Where(m => !m.Cumulative).Select(m => m.Name)), size: "Small", isSubtle: true),
            form.SoFarCovers is null ? null : Card.Text(ReportingTexts.FormSoFar(form.SoFarCovers), size: "Small", isSubtle: true),
        };
        foreach (var metric in form.Metrics)
        {
            body.Add(Input(metric, form.Inputs.TryGetValue(metric.Id, out var v) ? v : null));
            if (form.Errors.TryGetValue(metric.Id, out var error))
                body.Add(Card.Text("⚠ " + CardText.Literal(error), color: "Attention", spacing: "None"));
            else if (SoFar(form, metric) is { } soFar)
                body.Add(Card.Text(soFar, size: "Small", isSubtle: true, spacing: "None"));
        }
        var data = new ReportFormPayload(form.Unit.Id, form.Month.Key, form.Revision).ToData();
        return Card.Create(body, new[] { Card.Execute("提交", SubmitVerb, data, style: "positive") },
            $"{form.Unit.Name}{form.Month.Label}数据填报");
    }

    /// <summary>
    /// The label says what the figure is (当月新增 or 时点数). The client checks only that the field is not empty, with a
    /// message about exactly that: a client regex has one message for every failure ("请填写整数" for an empty field and
    /// for -1 alike), so everything about what was typed is left to the server, which says precisely what is wrong.
    /// </summary>
    private static JObject Input(Metric metric, string? value)
    {
        var input = new JObject
        {
            ["type"] = "Input.Text",
            ["id"] = InputPrefix + metric.Id,
            ["label"] = $"{metric.Name}（{metric.Unit}，{metric.Basis}）",
            ["placeholder"] = metric.Cumulative ? "本月新增数，没有请填 0" : "填月末实有数",
            ["isRequired"] = true,
            ["errorMessage"] = FigureValidator.Required,
        };
        if (!string.IsNullOrEmpty(value)) input["value"] = value;
        return input;
    }

    /// <summary>"1—2月累计 10 个" under a field (a stock: "最近填报 6 人"); null when there is nothing before this month.</summary>
    private static string? SoFar(FigureForm form, Metric metric)
    {
        if (form.SoFarCovers is null || form.SoFar.FirstOrDefault(p => p.Metric.Id == metric.Id) is not { } p) return null;
        var value = $"{FigureFormService.Format(p.YearToDate)} {metric.Unit}";
        var text = metric.Cumulative ? $"此前累计 {value}" : $"最近填报 {value}";
        return p.Target is { } t ? text + $"（年度目标 {FigureFormService.Format(t)} {metric.Unit}）" : text;
    }

    public static JObject Receipt(FigureReceipt receipt, TimeZoneInfo zone)
    {
        var saved = receipt.Saved;
        var at = TimeZoneInfo.ConvertTime(saved.SubmittedAt, zone);
        var body = new List<JToken?>
        {
            Card.Title("✅ 已提交"),
            Card.Text($"{receipt.Unit.Name} {saved.Month.Label}数据已保存（第 {saved.Revision} 版，{at:M月d日 HH:mm}，{CardText.Literal(saved.SubmittedByName ?? "填报人")}）。"),
            saved.Late ? Card.Text("逾期补报", color: "Warning", weight: "Bolder") : null,
            receipt.Repeated ? Card.Text("这是重复提交，数据只保存了一次。", isSubtle: true) : null,
            Card.Facts(receipt.Progress.Select(p => (p.Metric.Name, Describe(p)))),
            Conversions(receipt),
            receipt.Covers is null ? null : Card.Text(ReportingTexts.ReceiptCovers(receipt.Covers), size: "Small", isSubtle: true),
            receipt.PublishedRankings.Count > 0 && !receipt.Repeated
                ? Card.Text(ReportingTexts.RankingsToCorrect(receipt.PublishedRankings) + ReportingTexts.AdminsToldOfChange(receipt.AdminsNotified),
                    color: "Warning")
                : null,
        };
        var data = new ReportFormPayload(receipt.Unit.Id, saved.Month.Key, null).ToData();
        return Card.Create(body, new[] { Card.Execute("修改", OpenVerb, data), Card.Say("我的填报", "我的填报") },
            $"{receipt.Unit.Name}{saved.Month.Label}数据已提交");
    }

    /// <summary>“换算：到位额 1.5亿 → 15000 万元” for the fields typed with 亿/万 or separators, as the target card echoes them.</summary>
    private static JToken? Conversions(FigureReceipt receipt)
    {
        var lines = receipt.Progress.Select(p => p.Metric).Where(m => receipt.Conversions.ContainsKey(m.Id))
            .Select(m => ReportingTexts.ReceiptConversion(m.Name, CardText.Literal(receipt.Conversions[m.Id]))).ToList();
        return lines.Count == 0 ? null : Card.Text(ReportingTexts.ReceiptConversions(lines), size: "Small");
    }

    private static string Describe(MetricYearProgress p)
    {
        var unit = p.Metric.Unit;
        var text = $"本月{(p.Metric.Cumulative ? "新增" : "")} {(p.Month is { } m ? FigureFormService.Format(m) : "—")} {unit}；{(p.Metric.Cumulative ? "年累计" : "时点数，最新")} {FigureFormService.Format(p.YearToDate)} {unit}";
        if (p.Target is { } t)
            text += $"；年度目标 {FigureFormService.Format(t)} {unit}" + (p.PercentOfTarget is { } pct ? $"，完成 {pct:0.#}%" : "");
        return text;
    }
}
