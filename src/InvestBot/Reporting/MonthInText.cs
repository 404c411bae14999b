using System.Text.RegularExpressions;

namespace InvestBot.Reporting;

/// <summary>Finds the month a command names: "2023-03", "2023年3月", "202303" or just "3月" (the latest March that has ended).</summary>
public static partial class MonthInText
{
    /// <returns>Found: whether the text names a month at all; Month: null when it named one that is invalid.</returns>
    public static (bool Found, ReportingMonth? Month) Find(string text, DateOnly today)
    {
        if (Full().Match(text) is { Success: true } full) return (true, ReportingMonth.TryParse(full.Value));
        if (Short().Match(text) is { Success: true } m) return (true, ReportingMonth.FromMonthNumber(int.Parse(m.Groups[1].Value), today));
        return (false, null);
    }

    [GeneratedRegex(@"(?<!\d)\d{4}(?:\s*[-/.年]\s*\d{1,2}|\d{2}(?!\d))(?:\s*月)?")]
    private static partial Regex Full();

    [GeneratedRegex(@"(\d{1,2})\s*月")]
    private static partial Regex Short();
}
