using InvestBot.Teams;

namespace InvestBot.Reporting.Bot;

/// <summary>The month a reporting command names, or the reason it cannot be used (said to the user).</summary>
public static class MonthArgument
{
    /// <returns>Ok false: the month was invalid or ambiguous and the user has been told. Month null: no month named.</returns>
    /// <param name="text">Where the month is written: the command's arguments unless told (a phrasing such as
    /// 我要报11月的数 carries it in the whole sentence).</param>
    public static async Task<(bool Ok, ReportingMonth? Month)> ReadAsync(CommandRequest request, DateOnly today, string invalidMessage, CancellationToken ct,
        string? text = null)
    {
        var mention = MonthInText.Read(text ?? request.Args, today);
        if (mention.IsAmbiguous)
        {
            await request.SendTextAsync(ReportingTexts.AskYear(request.Command.Name, mention.Candidates[0], mention.Candidates[^1]), ct);
            return (false, null);
        }
        if (mention.Found && mention.Month is null)
        {
            await request.SendTextAsync(invalidMessage, ct);
            return (false, null);
        }
        return (true, mention.Month);
    }
}
