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
            form.Notice is null ? null : Card.Text(form.Notice, color: form.Errors.Count > 0 ? "Attention" : "Default", isSubtle: form.Errors.Count == 0),
        };
        foreach (var metric in form.Metrics)
        {
            body.Add(Input(metric, form.Inputs.TryGetValue(metric.Id, out var v) ? v : null));
            if (form.Errors.TryGetValue(metric.Id, out var error))
                body.Add(Card.Text("⚠ " + error, color: "Attention", spacing: "None"));
        }
        var data = new ReportFormPayload(form.Unit.Id, form.Month.Key, form.Revision).ToData();
        return Card.Create(body, new[] { Card.Execute("提交", SubmitVerb, data, style: "positive") },
            $"{form.Unit.Name}{form.Month.Label}数据填报");
    }

    private static JObject Input(Metric metric, string? value)
    {
        var input = new JObject
        {
            ["type"] = "Input.Text",
            ["id"] = InputPrefix + metric.Id,
            ["label"] = $"{metric.Name}（{metric.Unit}）",
            ["placeholder"] = $"{FigureFormService.Format(metric.Min)}–{FigureFormService.Format(metric.Max)}，没有请填 0",
            ["isRequired"] = true,
            // Only a convenience for the client; the server validates again.
            ["regex"] = metric.Decimals == 0 ? "^[0-9]+$" : $"^[0-9]+(\\.[0-9]{{1,{metric.Decimals}}})?$",
            ["errorMessage"] = metric.Decimals == 0 ? "请填写整数" : $"请填写数字，最多 {metric.Decimals} 位小数",
        };
        if (!string.IsNullOrEmpty(value)) input["value"] = value;
        return input;
    }

    public static JObject Receipt(FigureReceipt receipt, TimeZoneInfo zone)
    {
        var saved = receipt.Saved;
        var at = TimeZoneInfo.ConvertTime(saved.SubmittedAt, zone);
        var body = new List<JToken?>
        {
            Card.Title("✅ 已提交"),
            Card.Text($"{receipt.Unit.Name} {saved.Month.Label}数据已保存（第 {saved.Revision} 版，{at:M月d日 HH:mm}，{saved.SubmittedByName ?? "填报人"}）。"),
            saved.Late ? Card.Text("逾期补报", color: "Warning", weight: "Bolder") : null,
            receipt.Repeated ? Card.Text("这是重复提交，数据只保存了一次。", isSubtle: true) : null,
            Card.Facts(receipt.Progress.Select(p => (p.Metric.Name, Describe(p)))),
        };
        var data = new ReportFormPayload(receipt.Unit.Id, saved.Month.Key, null).ToData();
        return Card.Create(body, new[] { Card.Execute("修改", OpenVerb, data), Card.Say("我的填报", "我的填报") },
            $"{receipt.Unit.Name}{saved.Month.Label}数据已提交");
    }

    private static string Describe(MetricYearProgress p)
    {
        var unit = p.Metric.Unit;
        var text = $"本月 {(p.Month is { } m ? FigureFormService.Format(m) : "—")} {unit}；{(p.Metric.Cumulative ? "年累计" : "最新")} {FigureFormService.Format(p.YearToDate)} {unit}";
        if (p.Target is { } t)
            text += $"；年度目标 {FigureFormService.Format(t)} {unit}" + (p.PercentOfTarget is { } pct ? $"，完成 {pct:0.#}%" : "");
        return text;
    }
}
