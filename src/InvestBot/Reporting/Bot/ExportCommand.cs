using InvestBot.Common;
using InvestBot.Teams;
using InvestBot.Teams.Cards;

namespace InvestBot.Reporting.Bot;

/// <summary>导出 2023-03 (admins): a short-lived signed link to the month's Excel workbook.</summary>
public sealed class ExportCommand(ExportLinks links, ReportingWindow window, OfficeClock clock) : ICommandHandler
{
    /// <summary>"导出" alone or with a month is ours; other exports (e.g. 导出排名) are not.</summary>
    public bool Accepts(string args) => args.Length == 0 || MonthInText.Read(args, clock.Today).Found;

    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var (ok, month) = await MonthArgument.ReadAsync(request, clock.Today, ReportingTexts.ExportMonthInvalid, ct);
        if (!ok) return;
        var m = month ?? window.DefaultMonth;
        var (url, expires) = await links.CreateAsync(m, ct);
        await request.SendAsync(Card.ToActivity(Card.DownloadLink($"{m.Label}数据导出", url, clock.ToLocal(expires)), $"{m.Label}数据导出"), ct);
    }
}
