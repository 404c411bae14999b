using InvestBot.Knowledge;
using InvestBot.Ranking;
using InvestBot.Reporting;
using Microsoft.Extensions.Options;

namespace InvestBot.Hosting;

/// <summary>Tells the Q&amp;A how the office works, from the reporting and ranking settings it cannot see itself.</summary>
public static class OfficeProcessSettings
{
    public static OfficeProcess From(IServiceProvider services)
    {
        var reporting = services.GetRequiredService<IOptions<ReportingOptions>>().Value;
        var ranking = services.GetRequiredService<IOptions<RankingOptions>>().Value;
        return new OfficeProcess(reporting.WindowStartDay, reporting.WindowEndDay, reporting.ReopenDays,
            string.IsNullOrWhiteSpace(reporting.ReminderCron) ? 0 : reporting.ReminderDaysBefore,
            ranking.ScheduleEnabled ? DayOfMonth(ranking.PublishSchedule) : null);
    }

    /// <summary>The day-of-month field of a 5-field cron when it is one fixed day ("0 9 6 * *" → 6), else null.</summary>
    public static int? DayOfMonth(string? cron)
    {
        var fields = (cron ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 5 && int.TryParse(fields[2], out var day) && day is >= 1 and <= 31 ? day : null;
    }
}
