using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Teams;
using Microsoft.Bot.Builder;

namespace InvestBot.Reporting.Bot;

/// <summary>重新开放 单位 月份 (admins): lets a unit report a closed month for a few days and tells its reporters.</summary>
public sealed class ReopenCommand(ReportingViews views, UnitDirectory units, OfficeClock clock, PersonalMessenger messenger) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var unit = units.FindMentions(request.Args).FirstOrDefault();
        var (ok, month) = await MonthArgument.ReadAsync(request, clock.Today, ReportingTexts.ReopenUsage, ct);
        if (!ok) return;
        if (unit is null || month is null)
        {
            await request.SendTextAsync(ReportingTexts.ReopenUsage, ct);
            return;
        }
        var outcome = await views.ReopenAsync(request.User, unit, month.Value, ct);
        var notTold = new List<string>();
        foreach (var reporter in outcome.Reporters)
            if (!await messenger.SendToUserAsync(reporter.UserId, MessageFactory.Text(
                    ReportingTexts.ReopenedToReporter(unit.Name, month.Value.Label, month.Value.Month)), ct))
                notTold.Add(ReporterName.Of(reporter.UserName));
        await request.SendTextAsync(outcome.Message + ReportingTexts.ReportersTold(outcome.Reporters.Count - notTold.Count, notTold), ct);
    }
}
