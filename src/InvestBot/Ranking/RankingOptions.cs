namespace InvestBot.Ranking;

/// <summary>See <see cref="RankingOptions.ScheduleMode"/>.</summary>
public enum ScheduleMode { Preview, Publish }

/// <summary>Settings under "InvestBot:Ranking" (see docs/ranking.md); the delivery's own settings share the section (<see cref="Announcements.DeliveryOptions"/>).</summary>
public sealed class RankingOptions
{
    public const string Section = "InvestBot:Ranking";

    /// <summary>Cron (5 fields) in <see cref="Hosting.InvestBotOptions.TimeZone"/>: when the previous month's ranking is published
    /// automatically. Default 09:00 on the 6th, the day after the reporting window (1st–5th) closes. Empty disables it.</summary>
    public string PublishSchedule { get; set; } = "0 9 6 * *";

    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>How long the 下载通报表 link in a published announcement works, from its publication (区合作交流办设定: 90 days,
    /// a quarter's filing and forwarding; the 通报表 is district-wide by （二十五）, so any member of a subscribed chat may open it).</summary>
    public int BulletinLinkDays { get; set; } = 90;

    /// <summary>What the schedule does: Preview (default) sends every admin the preview with 确认发布, so no ranking goes
    /// out that nobody has looked at; Publish publishes at once (still only after the month's reporting window has closed).</summary>
    public ScheduleMode ScheduleMode { get; set; } = ScheduleMode.Preview;
}
