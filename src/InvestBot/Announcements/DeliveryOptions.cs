namespace InvestBot.Announcements;

/// <summary>
/// How announcements are delivered (see docs/ranking.md, 投递). The settings stay under "InvestBot:Ranking", where they were
/// when only the ranking published, so deployed configuration keeps working; they apply to every announcement kind.
/// </summary>
public sealed class DeliveryOptions
{
    public const string Section = "InvestBot:Ranking";

    /// <summary>Run the delivery worker in this instance (every instance may; the queue shares the work).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Deliveries handled in parallel by this instance. Each spends most of its time waiting (storage, pacing, the
    /// connector), so this is well above the core count.</summary>
    public int WorkerConcurrency { get; set; } = 16;

    /// <summary>Teams allows 7 messages per second into one conversation.</summary>
    public double PerConversationPerSecond { get; set; } = 7;

    /// <summary>Teams allows 50 messages per second per bot. The running workers split it evenly among themselves
    /// (<see cref="WorkerRegistry"/>), so this is the bot-wide figure however many instances run.</summary>
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
