using System.Text.RegularExpressions;
using InvestBot.Teams.Cards;

namespace InvestBot.Ranking.Bot;

/// <summary>确认发布 / 取消 on the preview: the period, the revision the preview would publish (0: first publication) and the
/// fingerprint of the 约谈 list it showed (<see cref="RankingResult.InterviewKey"/>).</summary>
public sealed partial record PublishPayload(string Period, int Revision, string Interview) : CardPayload
{
    protected override bool IsValid() => RankingPeriod.TryParse(Period, out _) && Revision is >= 0 and <= 999
                                         && Interview is not null && InterviewKey().IsMatch(Interview);

    [GeneratedRegex("^(none|[0-9a-f]{16})$")]
    private static partial Regex InterviewKey();

    [Newtonsoft.Json.JsonIgnore]
    public RankingPeriod RankingPeriod => RankingPeriod.TryParse(Period, out var p) ? p : default;
}

/// <summary>刷新进度 on the progress card: the announcement's id (2023-03.r0).</summary>
public sealed partial record ProgressPayload(string Announcement) : CardPayload
{
    protected override bool IsValid() => Announcement is not null && AnnouncementId().IsMatch(Announcement);

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}\.r[0-9]{1,3}$")]
    private static partial Regex AnnouncementId();
}
