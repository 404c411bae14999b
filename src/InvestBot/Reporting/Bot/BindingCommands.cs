using System.Text.RegularExpressions;
using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace InvestBot.Reporting.Bot;

/// <summary>
/// 绑定 单位 — a user asks to report for a unit (admins get an approval card);
/// 绑定 单位 @某人 / 绑定 单位 &lt;AAD id&gt; — an admin binds directly (the service checks the role).
/// </summary>
public sealed partial class BindCommand(BindingService service, UnitDirectory units, PersonalMessenger messenger, OfficeClock clock) : ICommandHandler
{
    [GeneratedRegex("谁|怎么|怎样|如何|什么|啥|哪|吗|呢|审批|流程|步骤|[?？]")]
    private static partial Regex AsksHow();

    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var rest = request.Args;
        var unit = units.FindByName(rest) ?? units.FindMentions(rest).FirstOrDefault();
        if (unit is null)
        {
            // 绑定谁来审批 / 绑定怎么弄: a question about binding, not a unit's name.
            await request.SendTextAsync(rest.Length == 0 ? ReportingTexts.BindUsage
                : AsksHow().IsMatch(rest) ? ReportingTexts.BindHowTo
                : ReportingTexts.UnitNotFound(CardText.Literal(rest)), ct);
            return;
        }
        var target = BindingTarget.Of(request, rest);
        if (target is not null || service.IsAdmin(request.User))
        {
            // Direct binding: of the named person, or an admin binding themselves.
            var (id, name) = target ?? (request.User.Id, request.User.Name);
            await BindingReplies.SayAsync(request, await service.BindDirectAsync(request.User, id, name, unit, ct), units, messenger, ct);
            return;
        }
        var outcome = await service.RequestAsync(request.User, unit, ct);
        if (outcome is BindingOutcome.Updated)
        {
            await request.SendTextAsync(ReportingTexts.BindingRequestUpdated(unit.Name), ct);
            return;
        }
        if (outcome is not BindingOutcome.Requested requested)
        {
            await BindingReplies.SayAsync(request, outcome, units, messenger, ct);
            return;
        }
        var card = BindingCards.Approval(requested.Request, unit, clock.Zone);
        var notified = 0;
        foreach (var admin in service.AdminIds)
            if (await messenger.SendToUserAsync(admin, Card.ToActivity(card, ReportingTexts.BindingRequestSummary(request.User.Name, unit.Name)), ct)) notified++;
        await request.SendTextAsync(ReportingTexts.BindingRequested(unit.Name, notified > 0), ct);
    }
}

/// <summary>解绑 张三 / 解绑 潮阳街道 / 解绑 @某人 (admins).</summary>
public sealed class UnbindCommand(BindingService service, UnitDirectory units, PersonalMessenger messenger) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (await service.ListAsync(request.User, ct) is not { } list)
        {
            await request.SendTextAsync(BotTexts.AdminOnly(request.Command.Name), ct);
            return;
        }
        var rest = request.Args;
        var target = BindingTarget.Of(request, rest);
        var unit = units.FindByName(rest);
        var matches = list.Bindings.Where(b =>
            (target is not null && b.UserId == target.Value.Id) ||
            (unit is not null && b.UnitId == unit.Id) ||
            (rest.Length > 0 && b.UserName == rest)).ToList();
        if (matches.Count != 1)
        {
            await request.SendTextAsync(matches.Count == 0 ? ReportingTexts.NoSuchBinding(CardText.Literal(rest)) : ReportingTexts.AmbiguousBinding(CardText.Literal(rest), matches.Count), ct);
            return;
        }
        await BindingReplies.SayAsync(request, await service.UnbindAsync(request.User, matches[0].UserId, ct), units, messenger, ct);
    }
}

/// <summary>绑定列表 (admins): every binding and pending request, with 批准 / 拒绝 / 解绑 buttons.</summary>
public sealed class BindingListCommand(BindingService service, UnitDirectory units) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (await service.ListAsync(request.User, ct) is not { } list)
            await request.SendTextAsync(BotTexts.AdminOnly(request.Command.Name), ct);
        else
            await request.SendAsync(Card.ToActivity(BindingCards.List(list.Bindings, list.Pending, units), ReportingTexts.BindingListSummary), ct);
    }
}

/// <summary>The person an admin names: an @mention (other than the bot) or an AAD object id.</summary>
public static partial class BindingTarget
{
    public static (string Id, string? Name)? Of(MessageRequest request, string rest)
    {
        var activity = request.Turn.Activity;
        var mention = activity.AsMessageActivity()?.GetMentions()?
            .FirstOrDefault(x => x.Mentioned is not null && x.Mentioned.Id != activity.Recipient?.Id);
        if (mention?.Mentioned is { } who)
            return (who.AadObjectId ?? who.Id, who.Name);
        return AadId().Match(rest) is { Success: true } g ? (g.Value.ToLowerInvariant(), null) : null;
    }

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex AadId();
}

/// <summary>The words of binding outcomes, shared by the commands and the card buttons.</summary>
public static class BindingReplies
{
    /// <summary>Says the outcome; a person bound or unbound by someone else is told, and the admin learns whether that reached them.</summary>
    public static async Task SayAsync(MessageRequest request, BindingOutcome outcome, UnitDirectory units, PersonalMessenger messenger, CancellationToken ct)
    {
        var other = outcome switch
        {
            BindingOutcome.Bound b when b.Binding.UserId != request.User.Id => b.Binding.UserId,
            BindingOutcome.Unbound u when u.Binding.UserId != request.User.Id => u.Binding.UserId,
            _ => null,
        };
        var told = other is null ? (bool?)null : await messenger.SendToUserAsync(other, MessageFactory.Text(ToReporter(outcome, units)), ct);
        // Describe names the reporter as they call themselves: literal in this markdown message.
        await request.SendTextAsync(CardText.Literal(Describe(outcome, units)) + told switch
        {
            true => ReportingTexts.ReporterTold,
            false => ReportingTexts.ReporterNotTold,
            null => "",
        }, ct);
    }

    public static string Describe(BindingOutcome outcome, UnitDirectory units) => outcome switch
    {
        BindingOutcome.Bound b => $"已将 {b.Binding.UserName ?? b.Binding.UserId} 绑定为 {b.Unit.Name} 的填报人。",
        BindingOutcome.Rejected r => $"已拒绝 {r.Request.UserName ?? r.Request.UserId} 绑定 {r.Unit.Name} 的申请。",
        BindingOutcome.Unbound u => $"已解除 {u.Binding.UserName ?? u.Binding.UserId} 与 {units.FindById(u.Binding.UnitId)?.Name ?? u.Binding.UnitId} 的绑定。",
        BindingOutcome.Refused f => f.Reason,
        BindingOutcome.Requested q => $"已提交绑定“{q.Unit.Name}”的申请。",
        BindingOutcome.Updated q => ReportingTexts.BindingRequestUpdated(q.Unit.Name),
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
