using System.Text.RegularExpressions;
using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;

namespace InvestBot.Reporting.Bot;

/// <summary>
/// 绑定 单位 — a user asks to report for a unit (admins get an approval card);
/// 绑定 单位 @某人 / 绑定 单位 &lt;AAD id&gt; — an admin binds directly (the service checks the role).
/// </summary>
public sealed partial class BindCommand(BindingService service, UnitDirectory units, PersonalMessenger messenger, OfficeClock clock,
    PeopleDirectory people) : ICommandHandler
{
    [GeneratedRegex("谁|怎么|怎样|如何|什么|啥|哪|吗|呢|审批|流程|步骤|[?？]")]
    private static partial Regex AsksHow();

    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var rest = request.Args;
        if (!request.Word.StartsWith(request.Command.Name, StringComparison.Ordinal))
        {
            // Matched a phrasing (怎么绑定单位？): the question is how binding works.
            await request.SendTextAsync(ReportingTexts.BindHowTo, ct);
            return;
        }
        var unit = units.FindByName(rest) ?? units.FindMentions(rest).FirstOrDefault();
        if (unit is null)
        {
            // 绑定谁来审批 / 绑定怎么弄: a question about binding, not a unit's name.
            await request.SendTextAsync(rest.Length == 0 ? ReportingTexts.BindUsage
                : AsksHow().IsMatch(rest) ? ReportingTexts.BindHowTo
                : ReportingTexts.UnitNotFound(rest), ct);
            return;
        }
        var target = await BindingTarget.OfAsync(request, rest, people, ct);
        if (target is { Id: null })
        {
            await request.SendTextAsync(ReportingTexts.MentionUnresolved, ct);
            return;
        }
        if (target is not null || service.IsAdmin(request.User))
        {
            // Direct binding: of the named person, or an admin binding themselves.
            var (id, name) = target is { } t ? (t.Id!, t.Name) : (request.User.Id, request.User.Name);
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
public sealed class UnbindCommand(BindingService service, UnitDirectory units, PersonalMessenger messenger, PeopleDirectory people) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (await service.ListAsync(request.User, ct) is not { } list)
        {
            await request.SendTextAsync(BotTexts.AdminOnly(request.Command.Name), ct);
            return;
        }
        var rest = request.Args;
        var target = await BindingTarget.OfAsync(request, rest, people, ct);
        var unit = units.FindByName(rest);
        var matches = list.Bindings.Where(b =>
            (target is not null && b.UserId == target.Value.Id) ||
            (unit is not null && b.UnitId == unit.Id) ||
            (rest.Length > 0 && b.UserName == rest)).ToList();
        if (matches.Count != 1)
        {
            await request.SendTextAsync(matches.Count == 0 ? ReportingTexts.NoSuchBinding(rest) : ReportingTexts.AmbiguousBinding(rest, matches.Count), ct);
            return;
        }
        await BindingReplies.SayAsync(request, await service.UnbindAsync(request.User, matches[0].UserId, ct), units, messenger, ct);
    }
}

/// <summary>绑定列表 (admins): every binding and pending request, with 批准 / 拒绝 / 解绑 buttons.</summary>
public sealed class BindingListCommand(BindingService service, UnitDirectory units, RosterStore roster) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (await service.ListAsync(request.User, ct) is not { } list)
            await request.SendTextAsync(BotTexts.AdminOnly(request.Command.Name), ct);
        else
            foreach (var page in BindingCards.List(list.Bindings, list.Pending, units, await roster.ListAsync(ct)))
                await request.SendAsync(Card.ToActivity(page, ReportingTexts.BindingListSummary), ct);
    }
}

/// <summary>
/// The person an admin names: an @mention (other than the bot) or an AAD object id. A mention is keyed by the mentioned
/// person's AAD object id — from the mention entity when Teams puts it there, else from Teams' member information for
/// the mentioned account (Teams mentions carry the chat id "29:…", which is not the key bindings use). Never the sender.
/// A mention that cannot be resolved gives Id null. A name comes from the mention, else from the people the bot met.
/// </summary>
public static partial class BindingTarget
{
    public static async Task<(string? Id, string? Name)?> OfAsync(MessageRequest request, string rest, PeopleDirectory people, CancellationToken ct)
    {
        var activity = request.Turn.Activity;
        var mention = activity.AsMessageActivity()?.GetMentions()?
            .FirstOrDefault(x => x.Mentioned is not null && x.Mentioned.Id != activity.Recipient?.Id);
        if (mention?.Mentioned is { } who)
        {
            var aad = who.AadObjectId;
            var name = who.Name;
            if (string.IsNullOrEmpty(aad))
            {
                try
                {
                    var member = await TeamsInfo.GetMemberAsync(request.Turn, who.Id, ct);
                    (aad, name) = (member?.AadObjectId, string.IsNullOrEmpty(member?.Name) ? name : member.Name);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && e is not OperationCanceledException)
                {
                    aad = null;
                }
            }
            return string.IsNullOrEmpty(aad) ? (null, name) : (aad.ToLowerInvariant(), name ?? (await people.GetAsync(aad, ct))?.Name);
        }
        if (AadId().Match(rest) is not { Success: true } g) return null;
        var id = g.Value.ToLowerInvariant();
        return (id, (await people.GetAsync(id, ct))?.Name);
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
        BindingOutcome.Bound b => $"已将 {ReporterName.Of(b.Binding.UserName)} 绑定为 {b.Unit.Name} 的填报人。",
        BindingOutcome.Rejected r => $"已拒绝 {ReporterName.Of(r.Request.UserName)} 绑定 {r.Unit.Name} 的申请。",
        BindingOutcome.Unbound u => $"已解除 {ReporterName.Of(u.Binding.UserName)} 与 {units.FindById(u.Binding.UnitId)?.Name ?? u.Binding.UnitId} 的绑定。",
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

/// <summary>
/// 导入填报人 with an attached .xlsx/.csv, a table pasted below the command, or rows typed after it separated by “；”
/// (a phone's message box, and clients that send one line): 单位, 姓名, 邮箱/UPN.
/// </summary>
public sealed class ImportReportersCommand(ReporterRoster roster, AttachedTableReader files) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var lines = request.Args.Split('\n', 2);
        var typed = lines.Length > 1 && lines[1].Trim().Length > 0 ? lines[1]
            : lines[0].IndexOfAny([',', '，']) >= 0 ? string.Join('\n', lines[0].Split([';', '；'])) : null;
        var table = typed is not null
            ? AttachedTable.From(TargetTableReader.FromCsv(typed), ReportingTexts.RosterRejected)
            : await files.ReadAsync(request.Turn.Activity, ct);
        if (table.Rows is not { } rows)
        {
            await request.SendTextAsync(table.Problem ?? ReportingTexts.RosterUsage, ct);
            return;
        }
        if (await roster.ImportAsync(request.User, rows, ct) is not { } result)
        {
            await request.SendTextAsync(BotTexts.AdminOnly(request.Command.Name), ct);
            return;
        }
        foreach (var page in BindingCards.RosterImported(result))
            await request.SendAsync(Card.ToActivity(page, ReportingTexts.RosterSummary(result)), ct);
    }
}

/// <summary>How staff read a reporter: by name; a person the bot has not met yet is said so, never shown as an id.</summary>
public static class ReporterName
{
    public static string Of(string? name) => string.IsNullOrWhiteSpace(name) ? ReportingTexts.NameNotYetKnown : name;
}
