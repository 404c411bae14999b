namespace InvestBot.Scheduling;

/// <summary>Settings under "InvestBot:Scheduling" (see README).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "InvestBot:Scheduling";

    /// <summary>An occurrence missed while no instance ran (or that failed) is still run when at most this many hours late;
    /// an older one is skipped and the admins are told.</summary>
    public double CatchUpHours { get; set; } = 24;

    /// <summary>First wait before a failed run is tried again; it doubles up to <see cref="MaxRetryMinutes"/>.</summary>
    public double RetrySeconds { get; set; } = 60;

    public double MaxRetryMinutes { get; set; } = 15;

    public TimeSpan CatchUpWindow => TimeSpan.FromHours(CatchUpHours);
}
