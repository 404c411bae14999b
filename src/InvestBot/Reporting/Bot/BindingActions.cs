using InvestBot.Organization;
using InvestBot.Teams;
using Microsoft.Bot.Builder;

namespace InvestBot.Reporting.Bot;

/// <summary>The 批准 / 拒绝 / 解绑 buttons. The router checks the admin role; <see cref="BindingService"/> checks it again.</summary>
public sealed class BindingActions(BindingService service, UnitDirectory units, PersonalMessenger messenger) : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        BindingOutcome outcome;
        if (request.Verb == BindingCards.UnbindVerb)
            outcome = await service.UnbindAsync(request.User, request.Read<UnbindPayload>()?.UserId, ct);
        else if (request.Read<BindingDecisionPayload>() is { } decision)
            outcome = await service.DecideAsync(request.User, decision.UserId, decision.UnitId, request.Verb == BindingCards.ApproveVerb, ct);
        else
            outcome = await service.DecideAsync(request.User, null, null, request.Verb == BindingCards.ApproveVerb, ct);
        var text = BindingReplies.Describe(outcome, units);
        if (outcome is BindingOutcome.Refused) return CardActionResult.Say(text);

        var who = outcome switch
        {
            BindingOutcome.Bound b => b.Binding.UserId,
            BindingOutcome.Rejected r => r.Request.UserId,
            BindingOutcome.Unbound u => u.Binding.UserId,
            _ => null,
        };
        var told = who is not null && await messenger.SendToUserAsync(who, MessageFactory.Text(BindingReplies.ToReporter(outcome, units)), ct);
        return CardActionResult.Replace(BindingCards.Decided(text + (told ? ReportingTexts.ReporterTold : ReportingTexts.ReporterNotTold)));
    }
}
