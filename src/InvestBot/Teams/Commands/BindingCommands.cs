using System.Text.RegularExpressions;
using InvestBot.Access;
using InvestBot.Hosting;
using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace InvestBot.Teams.Commands;

/// <summary>
/// 绑定 单位 — a user asks to report for a unit (admins get an approval card);
/// 绑定 单位 @某人 / 绑定 单位 &lt;AAD id&gt; — an admin binds directly; 解绑 … and 绑定列表 — admins.
/// </summary>
public sealed partial class BindingCommands : IMessageCommand
{
    private readonly BindingService _service;
    private readonly UnitDirectory _units;
    private readonly PersonalMessenger _messenger;
    private readonly OfficeClock _clock;

    public BindingCommands(BindingService service, UnitDirectory units, PersonalMessenger messenger, OfficeClock clock)
    {
        _service = service;
        _units = units;
        _messenger = messenger;
        _clock = clock;
    }

    public int Order => 20;

    public async Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct)
    {
        var text = request.Text.Trim();
        if (text is "绑定列表" or "绑定情况" or "填报人列表")
        {
            await ListAsync(request, ct);
            return true;
        }
        var m = Command().Match(text);
        if (!m.Success) return false;
        var rest = m.Groups[2].Value.Trim();
        if (m.Groups[1].Value == "解绑") await UnbindAsync(request, rest, ct);
        else await BindAsync(request, rest, ct);
        return true;
    }

    private async Task BindAsync(MessageRequest request, string rest, CancellationToken ct)
    {
        var unit = _units.FindByName(rest) ?? _units.FindMentions(rest).FirstOrDefault();
        if (unit is null)
        {
            await request.SendTextAsync(rest.Length == 0
                ? "请在“绑定”后写上您的单位，例如：绑定 潮阳街道。"
                : $"没有找到单位“{rest}”。请使用单位全称或常用简称，例如：绑定 潮阳街道、绑定 商务局。", ct);
            return;
        }
        var target = Target(request, rest);
        if (target is not null || _service.IsAdmin(request.User))
        {
            // Direct binding: of the named person, or an admin binding themselves. The service checks the role.
            var (id, name) = target ?? (request.User.Id, request.User.Name);
            await SayAsync(request, await _service.BindDirectAsync(request.User, id, name, unit, ct), ct);
            return;
        }
        var outcome = await _service.RequestAsync(request.User, unit, ct);
        if (outcome is BindingOutcome.Requested requested)
        {
            var card = BindingCards.Approval(requested.Request, unit, _clock.Zone);
            var notified = 0;
            foreach (var admin in _service.AdminIds)
                if (await _messenger.SendToUserAsync(admin, Card.ToActivity(card, $"{request.User.Name} 申请绑定 {unit.Name}"), ct)) notified++;
            await request.SendTextAsync(
                $"已提交绑定“{unit.Name}”的申请，等待区合作交流办管理员审批，审批结果会通知您。" +
                (notified == 0 ? "（管理员暂时无法收到通知，可请管理员发送“绑定列表”处理。）" : ""), ct);
            return;
        }
        await SayAsync(request, outcome, ct);
    }

    private async Task UnbindAsync(MessageRequest request, string rest, CancellationToken ct)
    {
        var list = await _service.ListAsync(request.User, ct);
        if (list is null)
        {
            await request.SendTextAsync("只有区合作交流办管理员可以解绑。如需更换单位，请发送“绑定 新单位名称”重新申请。", ct);
            return;
        }
        var target = Target(request, rest);
        var unit = _units.FindByName(rest);
        var matches = list.Value.Bindings.Where(b =>
            (target is not null && b.UserId == target.Value.Id) ||
            (unit is not null && b.UnitId == unit.Id) ||
            (rest.Length > 0 && b.UserName == rest)).ToList();
        if (matches.Count != 1)
        {
            await request.SendTextAsync(matches.Count == 0
                ? $"没有找到“{rest}”的绑定。发送“绑定列表”查看全部，并可在列表中直接解绑。"
                : $"“{rest}”对应 {matches.Count} 个绑定，请发送“绑定列表”后点击对应的“解绑”按钮。", ct);
            return;
        }
        await SayAsync(request, await _service.UnbindAsync(request.User, matches[0].UserId, ct), ct);
    }

    private async Task ListAsync(MessageRequest request, CancellationToken ct)
    {
        var list = await _service.ListAsync(request.User, ct);
        if (list is null)
        {
            await request.SendTextAsync("只有区合作交流办管理员可以查看绑定列表。", ct);
            return;
        }
        await request.SendAsync(Card.ToActivity(BindingCards.List(list.Value.Bindings, list.Value.Pending, _units), "填报人绑定情况"), ct);
    }

    private async Task SayAsync(MessageRequest request, BindingOutcome outcome, CancellationToken ct)
    {
        await request.SendTextAsync(BindingTexts.Describe(outcome, _units), ct);
        if (outcome is BindingOutcome.Bound bound && bound.Binding.UserId != request.User.Id)
            await _messenger.SendToUserAsync(bound.Binding.UserId, MessageFactory.Text(BindingTexts.ToReporter(outcome, _units)), ct);
    }

    /// <summary>The person an admin names: an @mention (other than the bot) or an AAD object id.</summary>
    private static (string Id, string? Name)? Target(MessageRequest request, string rest)
    {
        var activity = request.Turn.Activity;
        var mention = activity.AsMessageActivity()?.GetMentions()?
            .FirstOrDefault(x => x.Mentioned is not null && x.Mentioned.Id != activity.Recipient?.Id);
        if (mention?.Mentioned is { } who)
            return (who.AadObjectId ?? who.Id, who.Name);
        return AadId().Match(rest) is { Success: true } g ? (g.Value.ToLowerInvariant(), null) : null;
    }

    [GeneratedRegex(@"^(绑定|解绑)(?:\s*|$)(.*)$", RegexOptions.Singleline)]
    private static partial Regex Command();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex AadId();
}

/// <summary>The words of binding outcomes, shared by the commands and the card buttons.</summary>
public static class BindingTexts
{
    public static string Describe(BindingOutcome outcome, UnitDirectory units) => outcome switch
    {
        BindingOutcome.Bound b => $"已将 {b.Binding.UserName ?? b.Binding.UserId} 绑定为 {b.Unit.Name} 的填报人。",
        BindingOutcome.Rejected r => $"已拒绝 {r.Request.UserName ?? r.Request.UserId} 绑定 {r.Unit.Name} 的申请。",
        BindingOutcome.Unbound u => $"已解除 {u.Binding.UserName ?? u.Binding.UserId} 与 {units.FindById(u.Binding.UnitId)?.Name ?? u.Binding.UnitId} 的绑定。",
        BindingOutcome.Refused f => f.Reason,
        BindingOutcome.Requested q => $"已提交绑定“{q.Unit.Name}”的申请。",
        _ => "",
    };

    /// <summary>What the reporter is told about a decision on their binding.</summary>
    public static string ToReporter(BindingOutcome outcome, UnitDirectory units) => outcome switch
    {
        BindingOutcome.Bound b => $"您已被绑定为 {b.Unit.Name} 的填报人。发送“填报”即可填写月度数据。",
        BindingOutcome.Rejected r => $"您绑定 {r.Unit.Name} 的申请未获批准。如有疑问请联系区合作交流办。",
        BindingOutcome.Unbound u => $"您与 {units.FindById(u.Binding.UnitId)?.Name ?? u.Binding.UnitId} 的填报绑定已解除。",
        _ => Describe(outcome, units),
    };
}
