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
public sealed class ReportingWindow(IOptions<ReportingOptions> options, OfficeClock clock)
{
    private readonly ReportingOptions _options = options.Value;

    public DateOnly Today => clock.Today;

    public TimeZoneInfo Zone => clock.Zone;

    /// <summary>The month a reporter fills in by default: the previous one.</summary>
    public ReportingMonth DefaultMonth => ReportingMonth.Of(Today).Previous;

    public DateOnly Opens(ReportingMonth month) => ClampDay(month.Next, _options.WindowStartDay);

    public DateOnly Deadline(ReportingMonth month) => ClampDay(month.Next, _options.WindowEndDay);

    public WindowState StateOf(ReportingMonth month)
    {
        var today = Today;
        if (month >= ReportingMonth.Of(today)) return WindowState.NotFinished;
        if (today < Opens(month)) return WindowState.NotYetOpen;
        return today <= Deadline(month) ? WindowState.Open : WindowState.Closed;
    }

    /// <summary>The instant (UTC) the window closes: the end of the deadline day in the office time zone.</summary>
    public DateTimeOffset ClosesAt(ReportingMonth month)
    {
        var endLocal = Deadline(month).AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(endLocal, clock.Zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }

    private static DateOnly ClampDay(ReportingMonth month, int day) =>
        new(month.Year, month.Month, Math.Clamp(day, 1, DateTime.DaysInMonth(month.Year, month.Month)));
}
