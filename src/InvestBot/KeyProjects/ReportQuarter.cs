using System.Globalization;
using System.Text.RegularExpressions;
using InvestBot.Common;
using InvestBot.Reporting;

namespace InvestBot.KeyProjects;

/// <summary>A calendar quarter, the period of （二十六）'s 季度通报. Its Key ("2023Q1") is also a safe table key.</summary>
public readonly partial record struct ReportQuarter(int Year, int Quarter)
{
    private static readonly string[] Numerals = ["一", "二", "三", "四"];

    public string Key => $"{Year:D4}Q{Quarter}";
    public string Label => $"{Year}年第{Numerals[Quarter - 1]}季度";
    public ReportingMonth FirstMonth => new(Year, Quarter * 3 - 2);
    public ReportingMonth LastMonth => new(Year, Quarter * 3);
    public IEnumerable<ReportingMonth> Months => [FirstMonth, FirstMonth.Next, LastMonth];
    public ReportQuarter Previous => Quarter == 1 ? new(Year - 1, 4) : new(Year, Quarter - 1);

    public static ReportQuarter Of(ReportingMonth month) => new(month.Year, (month.Month + 2) / 3);

    /// <summary>The latest quarter that has ended by <paramref name="today"/>.</summary>
    public static ReportQuarter LastEnded(DateOnly today) => Of(ReportingMonth.Of(today)).Previous;

    public bool HasEnded(DateOnly today) => LastMonth < ReportingMonth.Of(today);

    public override string ToString() => Key;

    /// <summary>
    /// "2023Q1", "2023-Q1", "2023年第1季度", "2023年第一季度", "2023年一季度"; without a year ("一季度", "Q1") the latest such
    /// quarter that has ended. Found is false when the text names no quarter; Quarter is null when it names an invalid one.
    /// </summary>
    public static (bool Found, ReportQuarter? Quarter) Find(string? text, DateOnly today)
    {
        var m = Pattern().Match(TypedText.Normalize(text));
        if (!m.Success) return (false, null);
        var q = m.Groups["q"].Value;
        var number = int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Array.IndexOf(Numerals, q) + 1;
        if (number is < 1 or > 4) return (true, null);
        if (m.Groups["y"].Success)
        {
            var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            return (true, year is >= ReportingMonth.MinYear and <= ReportingMonth.MaxYear ? new ReportQuarter(year, number) : null);
        }
        var candidate = new ReportQuarter(today.Year, number);
        return (true, candidate.HasEnded(today) ? candidate : candidate with { Year = today.Year - 1 });
    }

    public static ReportQuarter? TryParseKey(string? key) =>
        key is { Length: 6 } && Find(key, new DateOnly(2000, 1, 1)) is (true, { } q) && q.Key == key ? q : null;

    [GeneratedRegex(@"(?:(?<y>[0-9]{4})\s*(?:年\s*)?[-/ ]?\s*)?(?:[Qq](?<q>[0-9])|第?\s*(?<q>[一二三四0-9])\s*季度?)")]
    private static partial Regex Pattern();
}
