namespace InvestBot.Common;

/// <summary>
/// "Now" in the office's time zone. Reporting months and deadlines are Beijing-time concepts,
/// so every business rule asks this instead of DateTime.Now.
/// </summary>
public sealed class OfficeClock
{
    private readonly TimeProvider _time;

    public OfficeClock(TimeProvider time, Microsoft.Extensions.Options.IOptions<InvestBotOptions> options)
        : this(time, TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone)) { }

    public OfficeClock(TimeProvider time, TimeZoneInfo zone)
    {
        _time = time;
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    public DateTimeOffset UtcNow => _time.GetUtcNow();

    public DateTimeOffset LocalNow => TimeZoneInfo.ConvertTime(_time.GetUtcNow(), Zone);

    public DateOnly Today => DateOnly.FromDateTime(LocalNow.DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
}
