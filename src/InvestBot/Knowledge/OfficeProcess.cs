namespace InvestBot.Knowledge;

/// <summary>
/// The office's own reporting and ranking settings, as the Q&amp;A explains them (几号前报, 多久通报一次). Knowledge does not
/// see the capabilities that own these settings; the composition root (Hosting) fills this record from their options.
/// </summary>
/// <param name="WindowStartDay">first day, in the month after the reporting month, on which figures may be submitted</param>
/// <param name="WindowEndDay">last day of that window (the month locks after it)</param>
/// <param name="ReopenDays">how long an admin's 重新开放 lasts</param>
/// <param name="ReminderDaysBefore">reminders go out this many days before the deadline, and on the deadline day</param>
/// <param name="PublishDay">day of the month the previous month's ranking is prepared for publication; null when there
/// is no fixed day (the schedule is off or not a fixed day)</param>
public sealed record OfficeProcess(int WindowStartDay, int WindowEndDay, int ReopenDays, int ReminderDaysBefore, int? PublishDay);
