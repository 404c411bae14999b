using System.Text.RegularExpressions;
using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Teams;
using InvestBot.Teams.Cards;

namespace InvestBot.Reporting.Bot;

/// <summary>填报 / 我要填报 / 填报3月数据 / 我要报11月的数 / 填报 潮阳街道 2023-03 (admins) — sends the figures form.</summary>
public sealed partial class OpenFormCommand(FigureFormService forms, UnitDirectory units, OfficeClock clock) : ICommandHandler
{
    /// <summary>Only unit names, a month and filler words may follow 填报: 填报有什么要求 is a question for the Q&amp;A.</summary>
    public bool Accepts(string args)
    {
        var left = MonthWords().Replace(TypedText.Normalize(args), " ");
        foreach (var unit in units.FindMentions(left))
            foreach (var name in unit.Aliases.Prepend(unit.Name).OrderByDescending(n => n.Length))
                left = left.Replace(name, " ");
        return Filler().Replace(left, "").Length == 0;
    }

    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        // Matched by a phrasing (我要报11月的数), the month is in the sentence, not after a command word.
        var (ok, month) = await MonthArgument.ReadAsync(request, clock.Today, ReportingTexts.FormMonthInvalid, ct,
            request.Args.Length > 0 ? request.Args : request.Text);
        if (!ok) return;
        var unit = units.FindMentions(request.Args).FirstOrDefault();
        await ReportReplies.SendAsync(request, await forms.OpenAsync(request.User, unit, month, ct), clock.Zone, ct);
    }

    [GeneratedRegex(@"[0-9]{4}\s*(?:-|/|\.|年)\s*[0-9]{1,2}(?:\s*月)?|[0-9]{1,2}\s*月(?:份)?")]
    private static partial Regex MonthWords();

    [GeneratedRegex(@"[\s的数据表单一下吧。！!]+")]
    private static partial Regex Filler();
}

/// <summary>Turns a form outcome into what the user sees, in a message or in place of the pressed card.</summary>
public static class ReportReplies
{
    public static Task SendAsync(MessageRequest request, FormOutcome outcome, TimeZoneInfo zone, CancellationToken ct) => outcome switch
    {
        FormOutcome.Form f => request.SendAsync(Card.ToActivity(ReportCards.Form(f.Value), $"{f.Value.Unit.Name}{f.Value.Month.Label}数据填报"), ct),
        FormOutcome.Receipt r => request.SendAsync(Card.ToActivity(ReportCards.Receipt(r.Value, zone), "数据已提交"), ct),
        FormOutcome.Denied d => request.SendTextAsync(d.Reason, ct),
        _ => Task.CompletedTask,
    };

    public static CardActionResult ToResult(FormOutcome outcome, TimeZoneInfo zone) => outcome switch
    {
        FormOutcome.Form f => CardActionResult.Replace(ReportCards.Form(f.Value)),
        FormOutcome.Receipt r => CardActionResult.Replace(ReportCards.Receipt(r.Value, zone)),
        FormOutcome.Denied d => CardActionResult.Say(d.Reason),
        _ => CardActionResult.Say(ReportingTexts.CannotHandle),
    };
}
