using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Teams;
using InvestBot.Teams.Cards;

namespace InvestBot.Reporting.Bot;

/// <summary>填报情况 [月份] (admins): which units reported the month and which did not.</summary>
public sealed class ReportingStatusCommand(ReportingViews views, UnitDirectory units, OfficeClock clock,
    UnitRequirements requirements, MetricCatalog catalog) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var (named, parsed) = MonthInText.Find(request.Args, clock.Today);
        if ((named ? parsed : views.DefaultMonth) is not { } month)
            await request.SendTextAsync(ReportingTexts.StatusMonthInvalid, ct);
        else if (await views.StatusAsync(request.User, month, ct) is { } status)
            await request.SendAsync(Card.ToActivity(ReportViewCards.Status(status, units, clock.Zone, requirements, catalog), $"{month.Label}填报情况"), ct);
        else
            await request.SendTextAsync(BotTexts.AdminOnly(request.Command.Name), ct);
    }
}
