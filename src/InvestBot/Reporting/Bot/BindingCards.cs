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

    public const string ListTitle = "填报人绑定情况";

    /// <summary>
    /// 绑定列表: the pending requests (批准 / 拒绝) and every binding (解绑), in as many cards as Teams accepts — a district
    /// onboarded in a day has a hundred reporters, three times what one message may carry. Each button replaces its own card.
    /// </summary>
    public static IReadOnlyList<JObject> List(IReadOnlyList<UnitBinding> bindings, IReadOnlyList<BindingRequest> pending, UnitDirectory units,
        IReadOnlyList<RosterEntry>? listed = null)
    {
        listed ??= [];
        var blocks = new List<IReadOnlyList<JObject>>
        {
            new[] { Card.Text($"已绑定 {bindings.Count} 人，待审批 {pending.Count} 条" +
                (listed.Count > 0 ? $"，名单中待首次出现 {listed.Count} 人" : "") + "。", isSubtle: true) },
        };
        blocks.AddRange(Card.LineBlocks("名单中待首次出现（首次与 InvestBot 对话时自动绑定）", listed.OrderBy(e => e.UnitId).Select(e =>
            $"{units.FindById(e.UnitId)?.Name ?? e.UnitId}：{CardText.Literal(e.Name)}")));
        var requests = pending.Select(r => units.FindById(r.UnitId) is { } unit
            ? Card.Container(new JToken?[]
            {
                Card.Text($"{CardText.Literal(ReporterName.Of(r.UserName))} → {unit.Name}"),
                Card.ActionSet(DecisionButtons(r, unit)),
            }, separator: true)
            : null).OfType<JObject>().ToList();
        blocks.AddRange(Headed("待审批", requests));
        var bound = bindings.Select(b => Card.Container(new JToken?[]
        {
            Card.Text($"{units.FindById(b.UnitId)?.Name ?? b.UnitId}：{CardText.Literal(ReporterName.Of(b.UserName))}（批准人 {CardText.Literal(b.BoundBy)}）"),
            Card.ActionSet(new[] { Card.Execute("解绑", UnbindVerb, new UnbindPayload(b.UserId).ToData(), "destructive") }),
        }, separator: true)).ToList();
        blocks.AddRange(bound.Count == 0 ? [[Card.Heading("已绑定"), Card.Text("暂无。", isSubtle: true)]] : Headed("已绑定", bound));
        return Card.Pages(blocks, Card.MaxBytes, Card.PageTitle(ListTitle), ListTitle);
    }

    /// <summary>导入填报人's summary: who is bound now, who when first seen, which rows could not be used — in as many cards as it takes.</summary>
    public static IReadOnlyList<JObject> RosterImported(RosterImportResult result)
    {
        const string title = "填报人名单导入结果";
        var blocks = new List<IReadOnlyList<JObject>> { new[] { Card.Text(ReportingTexts.RosterSummary(result) + "。", isSubtle: true) } };
        blocks.AddRange(Card.LineBlocks("已绑定", result.Bound.Select(b => $"{b.Unit}：{CardText.Literal(b.Name)}")));
        blocks.AddRange(Card.LineBlocks("待首次出现（首次与 InvestBot 对话或出现在其所在群聊时自动绑定）", result.Pending.Select(p => $"{p.Unit}：{CardText.Literal(p.Name)}")));
        blocks.AddRange(Card.LineBlocks("无法识别（未导入）", result.Unknown.Select(u => $"{CardText.Literal(u.Row)}：{u.Reason}")));
        return Card.Pages(blocks, Card.MaxBytes, Card.PageTitle(title), title);
    }

    /// <summary>One block per item, the first carrying the heading so a heading never ends a card alone.</summary>
    private static IEnumerable<IReadOnlyList<JObject>> Headed(string heading, IReadOnlyList<JObject> items) =>
        items.Select((item, i) => i == 0 ? new[] { Card.Heading(heading), item } : new[] { item });
}
