using InvestBot.Organization;
using InvestBot.Teams;
using InvestBot.Teams.Cards;

namespace InvestBot.Reporting.Bot;

/// <summary>期初累计 潮阳街道 [2026] (admins): the unit's opening balance card.</summary>
public sealed class OpeningBalanceCommand(OpeningBalanceService openings, UnitDirectory units, ReportingWindow window) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (units.FindMentions(request.Args).FirstOrDefault() is not { } unit)
        {
            await request.SendTextAsync(ReportingTexts.OpeningUsage, ct);
            return;
        }
        var year = TargetYear.Of(request.Args, window);
        switch (await openings.OpenAsync(request.User, unit, year, ct))
        {
            case OpeningOutcome.Form f:
                await request.SendAsync(Card.ToActivity(OpeningBalanceCards.Form(f.Entry, f.Errors, f.Notice), $"{unit.Name}{year}年期初累计"), ct);
                break;
            case OpeningOutcome.Denied d:
                await request.SendTextAsync(d.Reason, ct);
                break;
        }
    }
}

/// <summary>保存期初累计 / 修改 on the opening balance cards (admins: checked by the router and again by the service).</summary>
public sealed class OpeningBalanceActions(OpeningBalanceService openings, UnitDirectory units) : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        if (request.Read<OpeningFormPayload>() is not { } payload) return CardActionResult.Say(ReportingTexts.OpeningCardInvalid);
        var outcome = request.Verb == OpeningBalanceCards.OpenVerb
            ? units.FindById(payload.UnitId) is { } unit
                ? await openings.OpenAsync(request.User, unit, payload.Year, ct)
                : new OpeningOutcome.Denied(ReportingTexts.OpeningCardInvalid)
            : payload.Revision is not { } revision
                ? new OpeningOutcome.Denied(ReportingTexts.OpeningCardInvalid)
                : await openings.SaveAsync(request.User, payload.UnitId, payload.Year, revision,
                    request.Data.Value<string>(OpeningBalanceService.ThroughMonthField), ReportFormPayload.Inputs(request.Data), ct);
        return outcome switch
        {
            OpeningOutcome.Form f => CardActionResult.Replace(OpeningBalanceCards.Form(f.Entry, f.Errors, f.Notice)),
            OpeningOutcome.Saved s => CardActionResult.Replace(OpeningBalanceCards.Saved(s)),
            OpeningOutcome.Denied d => CardActionResult.Say(d.Reason),
            _ => CardActionResult.Say(ReportingTexts.CannotHandle),
        };
    }
}
