using InvestBot.Announcements;

namespace InvestBot.Ranking;

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
