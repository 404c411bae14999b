using InvestBot.Common;
using Microsoft.Extensions.Options;

namespace InvestBot.Reporting;

public enum WindowState
{
    /// <summary>The month has not ended yet.</summary>
    NotFinished,
    /// <summary>The month ended but the window has not opened (only when WindowStartDay &gt; 1).</summary>
    NotYetOpen,
    Open,
    /// <summary>The deadline passed: the month is locked unless an admin reopens it for a unit.</summary>
    Closed,
}

/// <summary>When each month may be reported: by default the 1st–5th of the following month, office time.</summary>
public sealed class ReportingWindow
{
    private readonly ReportingOptions _options;
    private readonly OfficeClock clock;

    public ReportingWindow(IOptions<ReportingOptions> options, OfficeClock clock)
    {
        _options = options.Value;
        this.clock = clock;
        if (_options.StartMonth.Trim().Length > 0)
        {
            StartMonth = ReportingMonth.TryParse(_options.StartMonth)
                ?? throw new InvalidDataException($"设置 InvestBot:Reporting:StartMonth 的值“{_options.StartMonth}”不是月份，应写成 2026-11。");
            FirstMonthDeadline = _options.FirstMonthDeadline.Trim().Length == 0
                ? StartMonth.Value.Next.FirstDay.AddMonths(1).AddDays(-1)
                : DateOnly.TryParseExact(_options.FirstMonthDeadline.Trim(), "yyyy-MM-dd", out var d) ? d
                : throw new InvalidDataException($"设置 InvestBot:Reporting:FirstMonthDeadline 的值“{_options.FirstMonthDeadline}”不是日期，应写成 2026-12-15。");
        }
    }

    /// <summary>The office's first month with InvestBot, when configured.</summary>
    public ReportingMonth? StartMonth { get; }

    /// <summary>The last day of the first month's submissions (with <see cref="StartMonth"/>).</summary>
    public DateOnly? FirstMonthDeadline { get; }

    /// <summary>The month is one of the office's first (the start month or earlier in its year): its deadline is the first deadline.</summary>
    public bool IsFirstMonth(ReportingMonth month) =>
        StartMonth is { } start && month <= start && month.Year == start.Year;

    public DateOnly Today => clock.Today;

    public TimeZoneInfo Zone => clock.Zone;

    /// <summary>The month a reporter fills in by default: the previous one.</summary>
    public ReportingMonth DefaultMonth => ReportingMonth.Of(Today).Previous;

    public DateOnly Opens(ReportingMonth month) => ClampDay(month.Next, _options.WindowStartDay);

    public DateOnly Deadline(ReportingMonth month)
    {
        var regular = ClampDay(month.Next, _options.WindowEndDay);
        return IsFirstMonth(month) && FirstMonthDeadline is { } first && first > regular ? first : regular;
    }

    /// <summary>The end (UTC) of the office day <paramref name="lastDay"/>: reopenings end with a day, not at the hour they were made.</summary>
    public DateTimeOffset EndOfDay(DateOnly lastDay)
    {
        var endLocal = lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(endLocal, clock.Zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }

    public WindowState StateOf(ReportingMonth month)
    {
        var today = Today;
        if (month >= ReportingMonth.Of(today)) return WindowState.NotFinished;
        if (today < Opens(month)) return WindowState.NotYetOpen;
        return today <= Deadline(month) ? WindowState.Open : WindowState.Closed;
    }

    /// <summary>The instant (UTC) the window closes: the end of the deadline day in the office time zone.</summary>
    public DateTimeOffset ClosesAt(ReportingMonth month) => EndOfDay(Deadline(month));

    private static DateOnly ClampDay(ReportingMonth month, int day) =>
        new(month.Year, month.Month, Math.Clamp(day, 1, DateTime.DaysInMonth(month.Year, month.Month)));
}
