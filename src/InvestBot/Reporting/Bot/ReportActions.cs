using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Teams;

namespace InvestBot.Reporting.Bot;

/// <summary>提交 (report.submit) and 修改 (report.open) on the figures form and receipt. Card data is untrusted.</summary>
public sealed class ReportActions(FigureFormService forms, UnitDirectory units, OfficeClock clock, ChangeAfterPublication published) : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        var payload = request.Read<ReportFormPayload>();
        if (request.Verb == ReportCards.OpenVerb)
        {
            if (payload is null || units.FindById(payload.UnitId) is not { } unit) return CardActionResult.Say(ReportingTexts.FormOpenInvalid);
            return ReportReplies.ToResult(await forms.OpenAsync(request.User, unit, payload.ReportingMonth, ct), clock.Zone);
        }
        if (payload is null) return CardActionResult.Say(ReportingTexts.FormDataInvalid);
        var outcome = await forms.SubmitAsync(request.User, payload.UnitId, payload.Month, payload.Revision,
            ReportFormPayload.Inputs(request.Data), ct);
        return ReportReplies.ToResult(await published.NotifyAsync(outcome, request.User, ct), clock.Zone);
    }
}
