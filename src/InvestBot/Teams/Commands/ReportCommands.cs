using System.Text.RegularExpressions;
using InvestBot.Hosting;
using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Teams.Cards;

namespace InvestBot.Teams.Commands;

/// <summary>填报 / 我要填报 / 填报3月数据 / 填报 潮阳街道 2023-03 (admins) — sends the figures form.</summary>
public sealed partial class ReportCommands : IMessageCommand
{
    private readonly FigureFormService _forms;
    private readonly UnitDirectory _units;
    private readonly OfficeClock _clock;

    public ReportCommands(FigureFormService forms, UnitDirectory units, OfficeClock clock)
    {
        _forms = forms;
        _units = units;
        _clock = clock;
    }

    public int Order => 21;

    public async Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct)
    {
        var m = Command().Match(request.Text.Trim());
        if (!m.Success) return false;
        var rest = m.Groups[1].Value;
        if (!OnlyUnitsAndMonths(rest)) return false; // e.g. 填报记录, 填报有什么要求 — not a request for the form
        var (named, month) = MonthInText.Find(rest, _clock.Today);
        if (named && month is null)
        {
            await request.SendTextAsync("月份不正确，请写成“填报3月数据”或“填报 2023-03”。", ct);
            return true;
        }
        var unit = _units.FindMentions(rest).FirstOrDefault();
        var outcome = await _forms.OpenAsync(request.User, unit, month, ct);
        await ReportReplies.SendAsync(request, outcome, _clock.Zone, ct);
        return true;
    }

    /// <summary>True when nothing but unit names, a month and filler words follow 填报.</summary>
    private bool OnlyUnitsAndMonths(string rest)
    {
        var left = MonthWords().Replace(rest, " ");
        foreach (var unit in _units.FindMentions(left))
            foreach (var name in unit.Aliases.Prepend(unit.Name).OrderByDescending(n => n.Length))
                left = left.Replace(name, " ");
        return Filler().Replace(left, "").Length == 0;
    }

    [GeneratedRegex(@"^(?:我要)?填报(.*)$", RegexOptions.Singleline)]
    private static partial Regex Command();

    [GeneratedRegex(@"\d{4}\s*(?:-|/|\.|年)\s*\d{1,2}(?:\s*月)?|\d{1,2}\s*月(?:份)?")]
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
        _ => CardActionResult.Say("无法处理。"),
    };
}
