namespace InvestBot.Ranking;

/// <summary>See <see cref="RankingOptions.ScheduleMode"/>.</summary>
public enum ScheduleMode { Preview, Publish }

/// <summary>Settings under "InvestBot:Ranking" (see docs/ranking.md).</summary>
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

    /// <summary>Run the delivery worker in this instance (every instance may; the queue shares the work).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Deliveries handled in parallel by this instance. Each spends most of its time waiting (storage, pacing, the
    /// connector), so this is well above the core count.</summary>
    public int WorkerConcurrency { get; set; } = 16;

    /// <summary>Teams allows 7 messages per second into one conversation.</summary>
    public double PerConversationPerSecond { get; set; } = 7;

    /// <summary>Teams allows 50 messages per second per bot. The running workers split it evenly among themselves
    /// (<see cref="Delivery.WorkerRegistry"/>), so this is the bot-wide figure however many instances run.</summary>
    public double GlobalPerSecond { get; set; } = 50;

    /// <summary>How often a worker says it is alive and re-reads how many workers share <see cref="GlobalPerSecond"/>;
    /// a worker silent for three heartbeats no longer counts.</summary>
    public double HeartbeatSeconds { get; set; } = 5;

    /// <summary>Attempts per delivery before it is marked failed (429/412/5xx are retried).</summary>
    public int MaxAttempts { get; set; } = 8;

    public double MaxBackoffSeconds { get; set; } = 60;

    /// <summary>How long a worker owns a delivery (and its queue message stays invisible) before another may take over.</summary>
    public int ClaimSeconds { get; set; } = 60;

    /// <summary>A delivery whose processing still throws when its ticket has been taken from the queue this many times is marked
    /// Failed and the publishing admin is told (a poison delivery).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Longest pause between queue polls when the queue is empty.</summary>
    public int IdlePollMilliseconds { get; set; } = 1000;

    /// <summary>How often finished announcements are detected and the publishing admin is told.</summary>
    public int ProgressPollMilliseconds { get; set; } = 1000;

    /// <summary>Queue name after the lower-cased table prefix.</summary>
    public string QueueName { get; set; } = "ranking-delivery";
}
