using System.Globalization;
using System.Text.RegularExpressions;
using InvestBot.Common;

namespace InvestBot.Reporting;

/// <summary>A calendar month figures are reported for. Its Key ("2023-03") is also a safe table key.</summary>
public readonly partial record struct ReportingMonth(int Year, int Month) : IComparable<ReportingMonth>
{
    public const int MinYear = 2020;
    public const int MaxYear = 2100;

    public string Key => $"{Year:D4}-{Month:D2}";
    public string Label => $"{Year}年{Month}月";
    public DateOnly FirstDay => new(Year, Month, 1);
    public ReportingMonth Next => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);
    public ReportingMonth Previous => Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);

    public static ReportingMonth Of(DateOnly day) => new(day.Year, day.Month);

    public int CompareTo(ReportingMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);
    public static bool operator <(ReportingMonth a, ReportingMonth b) => a.CompareTo(b) < 0;
    public static bool operator >(ReportingMonth a, ReportingMonth b) => a.CompareTo(b) > 0;
    public static bool operator <=(ReportingMonth a, ReportingMonth b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ReportingMonth a, ReportingMonth b) => a.CompareTo(b) >= 0;

    public override string ToString() => Key;

    /// <summary>"2023-03", "2023-3", "2023年3月", "2023.03", "2023/3", "202303"; null when malformed or out of range.
    /// The one parser of year-month text: reporting, ranking and stored keys all come through here.</summary>
    public static ReportingMonth? TryParse(string? text)
    {
        if (text is null) return null;
        var m = YearMonth().Match(TypedText.Normalize(text).Trim());
        if (!m.Success) return null;
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        return year is >= MinYear and <= MaxYear && month is >= 1 and <= 12 ? new ReportingMonth(year, month) : null;
    }

    [GeneratedRegex(@"^(?<y>[0-9]{4})(?:\s*[-/.年]\s*(?<m>[0-9]{1,2})|(?<m>[0-9]{2}))\s*月?$")]
    private static partial Regex YearMonth();
}
