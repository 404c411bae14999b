using InvestBot.Reporting;

using InvestBot.Announcements;

namespace InvestBot.Ranking;

/// <summary>Tells reporting which months' rankings have gone out (so a later change of figures prompts 更正排名).</summary>
public sealed class AnnouncedRankings(RankingAnnouncementStore announcements) : IPublishedRankingSource
{
    public async Task<IReadOnlyList<ReportingMonth>> PublishedAsync(int year, CancellationToken ct) =>
        (await announcements.ListAsync(null, ct)).Where(a => a.Period.Year == year)
            .Select(a => new ReportingMonth(a.Period.Year, a.Period.Month)).Distinct().ToList();
}
