using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Teams;
using Microsoft.Bot.Builder;

namespace InvestBot.Reporting.Bot;

/// <summary>重新开放 单位 月份 / 重新开放 全部 月份 (admins): lets a unit, or every unit that has not reported, report a closed
/// month for a few days and tells their reporters.</summary>
public sealed partial class ReopenCommand(ReportingViews views, UnitDirectory units, OfficeClock clock, PersonalMessenger messenger) : ICommandHandler
{
    [System.Text.RegularExpressions.GeneratedRegex("全部|所有|全体|各单位")]
    private static partial System.Text.RegularExpressions.Regex Everyone();

    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var all = Everyone().IsMatch(request.Args);
        var unit = all ? null : units.FindMentions(request.Args).FirstOrDefault();
        var (ok, month) = await MonthArgument.ReadAsync(request, clock.Today, ReportingTexts.ReopenUsage, ct);
        if (!ok) return;
        if ((unit is null && !all) || month is null)
        {
            await request.SendTextAsync(ReportingTexts.ReopenUsage, ct);
            return;
        }
        var outcome = all ? await views.ReopenAllAsync(request.User, month.Value, ct) : await views.ReopenAsync(request.User, unit!, month.Value, ct);
        var notTold = new List<string>();
        foreach (var reporter in outcome.Reporters)
            if (!await messenger.SendToUserAsync(reporter.UserId, MessageFactory.Text(ReportingTexts.ReopenedToReporter(
                    units.FindById(reporter.UnitId)?.Name ?? "", month.Value.Label, month.Value.Month)), ct))
                notTold.Add(ReporterName.Of(reporter.UserName));
        await request.SendTextAsync(outcome.Message + ReportingTexts.ReportersTold(outcome.Reporters.Count - notTold.Count, notTold), ct);
    }
}
