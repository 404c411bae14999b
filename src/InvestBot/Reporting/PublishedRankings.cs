namespace InvestBot.Reporting;

/// <summary>
/// The months whose ranking has been published. Implemented by the ranking capability (which may use reporting, not the
/// other way round); without it nothing counts as published.
/// </summary>
public interface IPublishedRankingSource
{
    Task<IReadOnlyList<ReportingMonth>> PublishedAsync(int year, CancellationToken ct);
}

/// <summary>
/// Which published rankings a change of figures alters: a month's figures are part of its own and every later month's
/// year-to-date, so a change to March after March's and April's rankings went out needs 更正排名 for both.
/// </summary>
public sealed class PublishedRankings(IEnumerable<IPublishedRankingSource> sources)
{
    public async Task<IReadOnlyList<ReportingMonth>> FromAsync(ReportingMonth month, CancellationToken ct)
    {
        var found = new List<ReportingMonth>();
        foreach (var source in sources)
            found.AddRange(await source.PublishedAsync(month.Year, ct));
        return found.Where(m => m.Year == month.Year && m >= month).Distinct().Order().ToList();
    }
}
