using InvestBot.Common;
using InvestBot.Storage;
using InvestBot.Teams;

namespace InvestBot.Reporting.Bot;

/// <summary>
/// 一键催报 on 填报情况 (admins: checked by the router, and again by <see cref="ReportingViews"/>): reminds the reporters of
/// every unit that has not reported the month, in their personal chat with the form, and lists the units nobody reports
/// for. One press per month in ten minutes goes out (a double click or two admins at once remind once).
/// </summary>
public sealed class RemindMissingActions(ReportingViews views, ReminderSender sender, JobLeaseStore leases, OfficeClock clock) : ICardActionHandler
{
    public const string Job = "manual-reminders";

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        if (request.Read<ReportMonthPayload>() is not { } payload) return CardActionResult.Say(ReportingTexts.RemindInvalid);
        var month = payload.ReportingMonth;
        if (await views.StatusAsync(request.User, month, ct, toAct: true) is not { } status) return CardActionResult.Say(BotTexts.AdminOnlyAction);
        if (status.State is WindowState.NotFinished or WindowState.NotYetOpen)
            return CardActionResult.Say(ReportingTexts.RemindTooEarly(month, status.Opens));
        var due = status.ToRemind.ToList();
        var unreachable = status.WithoutReporter.Select(u => u.Unit.Name).ToList();
        if (due.Count == 0)
            return CardActionResult.Say(ReportingTexts.NothingToRemind(month, status.State == WindowState.Closed, status.Missing.Count(), unreachable));

        var local = clock.LocalNow;
        var slot = $"{month.Key}_{local:yyyyMMddHH}{local.Minute / 10}";
        if (!await leases.TryClaimAsync(Job, slot, request.User.Id, TimeSpan.FromMinutes(10), ct))
            return CardActionResult.Say(ReportingTexts.RemindedJustNow);
        // Several at once: each reminder reads the reporter's form and posts to Teams; the turn has a storage budget.
        var reminders = due.SelectMany(u => u.Reporters.Select(r => new Reminder(r, u.Unit, month, status.Deadline))).ToList();
        var sent = new bool[reminders.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, reminders.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, c) => sent[i] = await sender.SendAsync(reminders[i], c));
        var names = reminders.Select(r => $"{ReporterName.Of(r.Reporter.UserName)}（{r.Unit.Name}）").ToList();
        var reached = names.Where((_, i) => sent[i]).ToList();
        var failed = names.Where((_, i) => !sent[i]).ToList();
        await leases.CompleteAsync(Job, slot, ct);
        return CardActionResult.Replace(ReportViewCards.Reminded(month, due.Count, reached, failed, unreachable));
    }
}
