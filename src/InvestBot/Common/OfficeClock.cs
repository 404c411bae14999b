namespace InvestBot.Common;

/// <summary>
/// "Now" in the office's time zone. Reporting months and deadlines are Beijing-time concepts,
/// so every business rule asks this instead of DateTime.Now.
/// </summary>
public sealed class OfficeClock(TimeProvider time, TimeZoneInfo zone)
{
    public OfficeClock(TimeProvider time, Microsoft.Extensions.Options.IOptions<InvestBotOptions> options)
        : this(time, TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone)) { }

    public TimeZoneInfo Zone { get; } = zone;

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public DateTimeOffset LocalNow => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);

    public DateOnly Today => DateOnly.FromDateTime(LocalNow.DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
}
