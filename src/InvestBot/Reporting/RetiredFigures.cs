namespace InvestBot.Reporting;

/// <summary>
/// Figures a unit reported under a metric that is no longer on its form (the office took the metric off, e.g. （十五）'s 链主
/// contacts, or the unit moved to another kind). A resubmitted month keeps them: the form only replaces what it shows, so
/// changing metrics.json or units.json never loses stored data, and putting the metric back brings the old figures back.
/// </summary>
public static class RetiredFigures
{
    public static IReadOnlyDictionary<string, decimal> Keep(IReadOnlyDictionary<string, decimal> entered,
        IReadOnlyDictionary<string, decimal>? stored, IEnumerable<Metric> onForm)
    {
        if (stored is null || stored.Count == 0) return entered;
        var shown = onForm.Select(m => m.Id).ToHashSet();
        var kept = stored.Where(p => !shown.Contains(p.Key) && !entered.ContainsKey(p.Key)).ToList();
        if (kept.Count == 0) return entered;
        var all = new Dictionary<string, decimal>(entered);
        foreach (var (id, value) in kept) all[id] = value;
        return all;
    }
}
