namespace InvestBot.Ranking.Delivery;

/// <summary>Preparing: deliveries are being written and queued. Delivering: queued. Completed: every delivery reached a final status.</summary>
public enum AnnouncementState { Preparing, Delivering, Completed }

/// <summary>
/// A published ranking: the snapshot every subscribed conversation receives. Revision 0 is the first publication of a
/// period; higher revisions are admin corrections (更正). Id = "2023-03.r0".
/// </summary>
public sealed record Announcement(
    RankingPeriod Period,
    int Revision,
    RankingResult Ranking,
    string PublishedBy,
    string? PublishedByName,
    DateTimeOffset PublishedAt,
    AnnouncementState State = AnnouncementState.Preparing,
    int Total = 0)
{
    public string Id => IdOf(Period, Revision);
    public bool IsCorrection => Revision > 0;

    public static string IdOf(RankingPeriod period, int revision) => $"{period.Key}.r{revision}";
}

/// <summary>Where one delivery stands. Sent, Inactive, Failed and Cancelled are final.</summary>
public enum DeliveryStatus { Pending, Sending, Sent, Inactive, Failed, Cancelled }

/// <summary>Totals of an announcement's deliveries, for progress reports.</summary>
public sealed record DeliveryProgress(int Total, int Sent, int Pending, int Inactive, int Failed, IReadOnlyList<string> Problems)
{
    public bool Finished => Total > 0 && Pending == 0;
}
