using InvestBot.Common;
using InvestBot.Teams;
using InvestBot.Teams.Cards;

namespace InvestBot.Reporting.Bot;

/// <summary>我的填报: the bound unit's records this year.</summary>
public sealed class MyReportsCommand(ReportingViews views, MetricCatalog catalog, OfficeClock clock) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var year = views.DefaultMonth.Year;
        var (unit, months) = await views.MineAsync(request.User, year, ct);
        if (unit is null) await request.SendTextAsync(FigureFormService.NotBoundMessage, ct);
        else await request.SendAsync(Card.ToActivity(ReportViewCards.Mine(unit, year, months, catalog, clock.Zone), $"{unit.Name}填报记录"), ct);
    }
}
