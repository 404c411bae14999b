using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;

namespace InvestBot.Teams.Commands;

/// <summary>The 批准 / 拒绝 / 解绑 buttons. The admin role is checked by <see cref="BindingService"/> on every press.</summary>
public sealed class BindingActions : ICardActionHandler
{
    private readonly BindingService _service;
    private readonly UnitDirectory _units;
    private readonly PersonalMessenger _messenger;

    public BindingActions(BindingService service, UnitDirectory units, PersonalMessenger messenger)
    {
        _service = service;
        _units = units;
        _messenger = messenger;
    }

    public IReadOnlyCollection<string> Verbs { get; } = new[] { BindingCards.ApproveVerb, BindingCards.RejectVerb, BindingCards.UnbindVerb };

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        var userId = request.Data.Value<string>("userId");
        var outcome = request.Verb == BindingCards.UnbindVerb
            ? await _service.UnbindAsync(request.User, userId, ct)
            : await _service.DecideAsync(request.User, userId, request.Data.Value<string>("unitId"),
                request.Verb == BindingCards.ApproveVerb, ct);
        var text = BindingTexts.Describe(outcome, _units);
        if (outcome is BindingOutcome.Refused) return CardActionResult.Say(text);

        var who = outcome switch
        {
            BindingOutcome.Bound b => b.Binding.UserId,
            BindingOutcome.Rejected r => r.Request.UserId,
            BindingOutcome.Unbound u => u.Binding.UserId,
            _ => null,
        };
        var told = who is not null && await _messenger.SendToUserAsync(who, MessageFactory.Text(BindingTexts.ToReporter(outcome, _units)), ct);
        return CardActionResult.Replace(BindingCards.Decided(text + (told ? "已通知本人。" : "（本人暂时无法收到通知。）")));
    }
}
