using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Teams;
using InvestBot.Teams.Cards;

namespace InvestBot.Reporting.Bot;

/// <summary>填报情况 [月份] (admins): which units reported the month and which did not.</summary>
public sealed class ReportingStatusCommand(ReportingViews views, UnitDirectory units, OfficeClock clock,
    UnitRequirements requirements, MetricCatalog catalog, Access.UserRoles roles) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var (ok, parsed) = await MonthArgument.ReadAsync(request, clock.Today, ReportingTexts.StatusMonthInvalid, ct);
        if (!ok) return;
        var month = parsed ?? views.DefaultMonth;
        if (await views.StatusAsync(request.User, month, ct) is { } status)
            await request.SendAsync(Card.ToActivity(ReportViewCards.Status(status, units, clock.Zone, requirements, catalog,
                mayRemind: roles.IsAdmin(request.User)), $"{month.Label}填报情况"), ct);
        else
            await request.SendTextAsync(BotTexts.AdminOnly(request.Command.Name), ct);
    }
}
