using Cronos;

namespace InvestBot.Scheduling;

/// <summary>
/// The one cron dialect of every scheduled job: 5 fields (minute hour day month weekday) or 6 with seconds first, evaluated
/// in the office time zone (Cronos, so daylight-saving gaps and overlaps are handled). Macros such as @daily work too.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _cron;
    private readonly TimeZoneInfo _zone;

    private CronSchedule(string text, CronExpression cron, TimeZoneInfo zone)
    {
        Text = text;
        _cron = cron;
        _zone = zone;
    }

    public string Text { get; }

    /// <summary>Null with an error naming <paramref name="key"/> in Chinese and English when the text is not a valid schedule.</summary>
    public static (CronSchedule? Schedule, string? Error) Parse(string key, string text, TimeZoneInfo zone)
    {
        var trimmed = text.Trim();
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
            return (new CronSchedule(trimmed, CronExpression.Parse(string.Join(' ', trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries)), format), zone), null);
        }
        catch (CronFormatException e)
        {
            return (null,
                $"配置项 {key} 的定时表达式“{trimmed}”无效（应为 5 段 cron，如“0 9 * * *”表示每天 9:00；或 6 段，首段为秒）。该定时任务已停用，请修正配置后重启。" +
                $" / Configuration key {key}: invalid cron expression '{trimmed}' ({e.Message}); expected 5 fields (minute hour day month weekday) or 6 with seconds first. The job is disabled until the setting is fixed.");
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none (e.g. 30 February).</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => _cron.GetNextOccurrence(after, _zone);

    /// <summary>The newest occurrence in (<paramref name="after"/>, <paramref name="upTo"/>], or null.</summary>
    public DateTimeOffset? Latest(DateTimeOffset after, DateTimeOffset upTo)
    {
        if (upTo <= after) return null;
        DateTimeOffset? latest = null;
        foreach (var o in _cron.GetOccurrences(after, upTo, _zone, fromInclusive: false, toInclusive: true))
            latest = o;
        return latest;
    }
}
