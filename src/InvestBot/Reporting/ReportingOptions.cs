namespace InvestBot.Reporting;

/// <summary>Settings under "InvestBot:Reporting" (see docs/reporting.md).</summary>
public sealed class ReportingOptions
{
    public const string Section = "InvestBot:Reporting";

    /// <summary>First day (of the month after the reporting month) on which figures may be submitted.</summary>
    public int WindowStartDay { get; set; } = 1;

    /// <summary>Last day (inclusive, office time zone) of the window; the month locks after it.</summary>
    public int WindowEndDay { get; set; } = 5;

    /// <summary>
    /// The office's first month with InvestBot ("2026-11"; 区合作交流办设定). That month, and the earlier months of its year,
    /// stay open for first submissions — without 逾期 — until <see cref="FirstMonthDeadline"/>. Empty: no first month.
    /// </summary>
    public string StartMonth { get; set; } = "";

    /// <summary>The last day ("2026-12-15", inclusive, office time) of the first month's submissions. Empty: the last day of
    /// the month after <see cref="StartMonth"/>.</summary>
    public string FirstMonthDeadline { get; set; } = "";

    /// <summary>How many days an admin's 重新开放 lasts for one unit's month (it ends at the end of the last day).</summary>
    public int ReopenDays { get; set; } = 3;

    /// <summary>Reminders go out this many days before the deadline, and again on the deadline day.</summary>
    public int ReminderDaysBefore { get; set; } = 2;

    /// <summary>Cron (5 fields, office time zone) for the reminder job. Empty disables the job.</summary>
    public string ReminderCron { get; set; } = "0 9 * * *";

    /// <summary>The bot's public base URL (https://…), used for the signed export download link.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:3978";

    /// <summary>HMAC key for download links. Empty: a random key per process (fine for one instance).</summary>
    public string DownloadSigningKey { get; set; } = "";

    /// <summary>How long an export link stays valid.</summary>
    public int DownloadLinkMinutes { get; set; } = 15;

    /// <summary>The tenant's SharePoint/OneDrive hosts: the only hosts a file sent with 导入目标 is downloaded from (https
    /// only, redirects not followed). "*.example.com" matches its subdomains. Empty: <see cref="DefaultImportHosts"/>.</summary>
    public string[] ImportHosts { get; set; } = [];

    public static readonly string[] DefaultImportHosts = ["*.sharepoint.com", "*.sharepoint.cn"];

    /// <summary>The configured hosts, or the default ones (Microsoft 365 and Microsoft 365 operated by 21Vianet).</summary>
    public IReadOnlyList<string> EffectiveImportHosts =>
        ImportHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim()).ToArray() is { Length: > 0 } hosts ? hosts : DefaultImportHosts;
}
