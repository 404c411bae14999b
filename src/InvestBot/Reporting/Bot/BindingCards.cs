using InvestBot.Teams.Cards;
using InvestBot.Teams;
using InvestBot.Access;
using InvestBot.Organization;
using InvestBot.Reporting;
using Newtonsoft.Json.Linq;

namespace InvestBot.Reporting.Bot;

/// <summary>Cards of the reporter binding flow: the admins' approval card and the bindings list.</summary>
public static class BindingCards
{
    public const string ApproveVerb = "binding.approve";
    public const string RejectVerb = "binding.reject";
    public const string UnbindVerb = "binding.unbind";

    public static JObject Approval(BindingRequest request, Unit unit, TimeZoneInfo zone) => Card.Create(
        new JToken?[]
        {
            Card.Title("填报人绑定申请"),
            Card.Facts(new[]
            {
                ("申请人", CardText.Literal(ReporterName.Of(request.UserName))),
                ("申请单位", unit.Name),
                ("申请时间", TimeZoneInfo.ConvertTime(request.RequestedAt, zone).ToString("yyyy-MM-dd HH:mm")),
            }),
            Card.Text("批准后，此人即可为该单位填报月度数据。", isSubtle: true),
        },
        DecisionButtons(request, unit),
        $"{ReporterName.Of(request.UserName)} 申请绑定 {unit.Name}");

    private static JObject[] DecisionButtons(BindingRequest request, Unit unit)
    {
        var data = new BindingDecisionPayload(request.UserId, unit.Id);
        return new[] { Card.Execute("批准", ApproveVerb, data.ToData(), "positive"), Card.Execute("拒绝", RejectVerb, data.ToData(), "destructive") };
    }

    /// <param name="text">A plain sentence that names the reporter as they call themselves: shown literally.</param>
    public static JObject Decided(string text) => Card.Create(new[] { Card.Title("填报人绑定申请"), Card.Text(CardText.Literal(text)) });

    public static JObject List(IReadOnlyList<UnitBinding> bindings, IReadOnlyList<BindingRequest> pending, UnitDirectory units,
        IReadOnlyList<RosterEntry>? listed = null)
    {
        listed ??= [];
        var body = new List<JToken?> { Card.Title("填报人绑定情况"), Card.Text($"已绑定 {bindings.Count} 人，待审批 {pending.Count} 条" +
            (listed.Count > 0 ? $"，名单中待首次出现 {listed.Count} 人" : "") + "。", isSubtle: true) };
        if (listed.Count > 0)
        {
            body.Add(Card.Heading("名单中待首次出现（首次与 InvestBot 对话时自动绑定）"));
            body.Add(Card.Text(string.Join("\n\n", listed.OrderBy(e => e.UnitId).Select(e =>
                $"{units.FindById(e.UnitId)?.Name ?? e.UnitId}：{CardText.Literal(e.Name)}")), wrap: true));
        }
        if (pending.Count > 0)
        {
            body.Add(Card.Heading("待审批"));
            foreach (var r in pending)
            {
                if (units.FindById(r.UnitId) is not { } unit) continue;
                body.Add(Card.Container(new JToken?[]
                {
                    Card.Text($"{CardText.Literal(ReporterName.Of(r.UserName))} → {unit.Name}"),
                    Card.ActionSet(DecisionButtons(r, unit)),
                }, separator: true));
            }
        }
        body.Add(Card.Heading("已绑定"));
        if (bindings.Count == 0) body.Add(Card.Text("暂无。", isSubtle: true));
        foreach (var b in bindings)
        {
            body.Add(Card.Container(new JToken?[]
            {
                Card.Text($"{units.FindById(b.UnitId)?.Name ?? b.UnitId}：{CardText.Literal(ReporterName.Of(b.UserName))}（批准人 {CardText.Literal(b.BoundBy)}）"),
                Card.ActionSet(new[] { Card.Execute("解绑", UnbindVerb, new UnbindPayload(b.UserId).ToData(), "destructive") }),
            }, separator: true));
        }
        return Card.Create(body, fallbackText: "填报人绑定情况");
    }

    /// <summary>导入填报人's summary: who is bound now, who when first seen, which rows could not be used.</summary>
    public static JObject RosterImported(RosterImportResult result)
    {
        var body = new List<JToken?> { Card.Title("填报人名单导入结果"), Card.Text(ReportingTexts.RosterSummary(result) + "。", isSubtle: true) };
        void Section(string heading, IEnumerable<string> lines)
        {
            var list = lines.ToList();
            if (list.Count == 0) return;
            body.Add(Card.Heading(heading));
            body.Add(Card.Text(string.Join("\n\n", list)));
        }
        Section("已绑定", result.Bound.Select(b => $"{b.Unit}：{CardText.Literal(b.Name)}"));
        Section("待首次出现（首次与 InvestBot 对话或出现在其所在群聊时自动绑定）", result.Pending.Select(p => $"{p.Unit}：{CardText.Literal(p.Name)}"));
        Section("无法识别（未导入）", result.Unknown.Select(u => $"{CardText.Literal(u.Row)}：{u.Reason}"));
        return Card.Create(body, fallbackText: "填报人名单导入结果");
    }
}
