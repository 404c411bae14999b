using System.Text.RegularExpressions;
using InvestBot.Teams.Cards;

namespace InvestBot.Ranking.Bot;

/// <summary>确认发布 / 取消 on the preview: the period and the revision the preview would publish (0: first publication).</summary>
public sealed record PublishPayload(string Period, int Revision) : CardPayload
{
    protected override bool IsValid() => RankingPeriod.TryParse(Period, out _) && Revision is >= 0 and <= 999;

    [Newtonsoft.Json.JsonIgnore]
    public RankingPeriod RankingPeriod => RankingPeriod.TryParse(Period, out var p) ? p : default;
}

/// <summary>刷新进度 on the progress card: the announcement's id (2023-03.r0).</summary>
public sealed partial record ProgressPayload(string Announcement) : CardPayload
{
    protected override bool IsValid() => Announcement is not null && AnnouncementId().IsMatch(Announcement);

    [GeneratedRegex(@"^\d{4}-\d{2}\.r\d{1,3}$")]
    private static partial Regex AnnouncementId();
}
