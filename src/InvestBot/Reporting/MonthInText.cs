using System.Text.RegularExpressions;
using InvestBot.Common;

namespace InvestBot.Reporting;

/// <summary>What a command's text says about the month: nothing, one month, an invalid one, or a month number without a year that could be either of two years.</summary>
/// <param name="Candidates">For "11月" written without a year when it is ambiguous: last year's and this year's month, oldest first.</param>
public sealed record MonthMention(bool Found, ReportingMonth? Month, IReadOnlyList<ReportingMonth> Candidates)
{
    public static readonly MonthMention None = new(false, null, []);

    public bool IsAmbiguous => Candidates.Count > 1;

    public static MonthMention Of(ReportingMonth? month) => new(true, month, month is { } m ? [m] : []);
}

/// <summary>
/// Finds the month a command names: "2023-03", "2023年3月", "202303" or just "3月". A month number alone means this
/// year's month when it is not later than the current month (a month that has not ended is then refused with its
/// opening date, never silently taken from last year); a later month number is last year's only when that is the month
/// being reported now (12月 in January), and otherwise ambiguous — the bot asks for the year.
/// </summary>
public static partial class MonthInText
{
    public static MonthMention Read(string text, DateOnly today)
    {
        text = TypedText.Normalize(text);
        if (Full().Match(text) is { Success: true } full) return MonthMention.Of(ReportingMonth.TryParse(full.Value));
        if (Short().Match(text) is not { Success: true } m) return MonthMention.None;
        var number = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (number is < 1 or > 12) return MonthMention.Of(null);
        var thisYear = new ReportingMonth(today.Year, number);
        var lastYear = thisYear with { Year = today.Year - 1 };
        if (thisYear <= ReportingMonth.Of(today)) return MonthMention.Of(thisYear);
        if (lastYear == ReportingMonth.Of(today).Previous) return MonthMention.Of(lastYear);
        return new MonthMention(true, null, [lastYear, thisYear]);
    }

    /// <returns>Found: whether the text names a month at all; Month: null when it named one that is invalid or ambiguous.</returns>
    public static (bool Found, ReportingMonth? Month) Find(string text, DateOnly today)
    {
        var mention = Read(text, today);
        return (mention.Found, mention.Month);
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{4}(?:\s*[-/.年]\s*[0-9]{1,2}|[0-9]{2}(?![0-9]))(?:\s*月)?")]
    private static partial Regex Full();

    [GeneratedRegex(@"(?<![0-9])([0-9]{1,2})\s*月")]
    private static partial Regex Short();
}
