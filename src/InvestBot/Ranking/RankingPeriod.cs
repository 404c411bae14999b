using InvestBot.Reporting;

namespace InvestBot.Ranking;

/// <summary>Month: an ordinary month. Quarter/HalfYear/Year: the month closes that period and its bottom three are summoned (article 27).</summary>
public enum PeriodKind { Month, Quarter, HalfYear, Year }

/// <summary>The month a ranking is for. Rankings are always year-to-date up to and including this month.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(RankingPeriodJsonConverter))]
public readonly record struct RankingPeriod(int Year, int Month)
{
    public static bool TryCreate(int year, int month, out RankingPeriod period)
    {
        period = default;
        if (year is < 2000 or > 2100 || month is < 1 or > 12) return false;
        period = new RankingPeriod(year, month);
        return true;
    }

    /// <summary>Accepts what <see cref="ReportingMonth.TryParse"/> accepts: 2023-03, 2023-3, 2023年3月, 2023/03, 202303.</summary>
    public static bool TryParse(string? text, out RankingPeriod period)
    {
        period = ReportingMonth.TryParse(text) is { } month ? From(month) : default;
        return period != default;
    }

    public static RankingPeriod From(ReportingMonth month) => new(month.Year, month.Month);

    /// <summary>The period this month closes: December the year, June the half-year, March and September a quarter.</summary>
    public PeriodKind Kind => Month switch
    {
        12 => PeriodKind.Year,
        6 => PeriodKind.HalfYear,
        3 or 9 => PeriodKind.Quarter,
        _ => PeriodKind.Month,
    };

    public bool IsInterviewPeriod => Kind != PeriodKind.Month;

    /// <summary>The previous month in the same year; null for January (rankings restart every year).</summary>
    public RankingPeriod? PreviousInYear => Month > 1 ? new RankingPeriod(Year, Month - 1) : null;

    public RankingPeriod PreviousMonth => Month > 1 ? new RankingPeriod(Year, Month - 1) : new RankingPeriod(Year - 1, 12);

    /// <summary>Sortable key used in storage: 2023-03.</summary>
    public string Key => $"{Year:D4}-{Month:D2}";

    public string Label => $"{Year}年{Month}月";

    /// <summary>The closed period named in the 约谈 notice: 2023年第一季度, 2023年上半年, 2023年度.</summary>
    public string PeriodLabel => Kind switch
    {
        PeriodKind.Year => $"{Year}年度",
        PeriodKind.HalfYear => $"{Year}年上半年",
        PeriodKind.Quarter => $"{Year}年第{(Month == 3 ? "一" : "三")}季度",
        _ => Label,
    };

    public override string ToString() => Key;
}
