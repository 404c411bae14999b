namespace InvestBot.Reporting;

/// <summary>
/// Which months a year-to-date figure is made of, in words: for one unit ("1—5月期初累计、6—8月；7月未报") and for
/// a ranking over every unit ("2026年1—10月（12个单位1—5月为期初累计，30个单位6月起）").
/// </summary>
public static class MonthCoverage
{
    /// <summary>Month numbers as ranges: 6, 7, 8, 10 → "6—8月、10月".</summary>
    public static string Ranges(IEnumerable<int> months)
    {
        var sorted = months.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(sorted[i] == sorted[j] ? $"{sorted[i]}月" : $"{sorted[i]}—{sorted[j]}月");
            i = j + 1;
        }
        return string.Join("、", parts);
    }

    /// <summary>What one unit's year-to-date up to <paramref name="month"/> adds up; null when there is nothing yet.</summary>
    public static string? ForUnit(ReportingMonth month, IEnumerable<ReportingMonth> reported, OpeningBalance? opening)
    {
        var openingCounts = opening is { IsSet: true } o && o.Year == month.Year && o.ThroughMonth <= month.Month;
        var months = reported.Where(m => m.Year == month.Year && m <= month && !(opening?.Covers(m) ?? false)).Select(m => m.Month).ToList();
        if (!openingCounts && months.Count == 0) return null;
        var text = string.Join("、", new[] { openingCounts ? $"{opening!.MonthsLabel}期初累计" : null, months.Count > 0 ? Ranges(months) : null }.OfType<string>());
        var from = openingCounts ? opening!.ThroughMonth + 1 : 1;
        var gaps = Enumerable.Range(from, Math.Max(0, month.Month - from + 1)).Except(months).ToList();
        // Without a balance, the months before the first report are not "unreported": the bot was not used yet.
        var before = openingCounts ? 0 : gaps.TakeWhile((g, i) => g == i + 1).Count();
        if (before > 0) text += $"；{Ranges(gaps.Take(before))}无数据（未录入期初累计）";
        if (gaps.Count > before) text += $"；{Ranges(gaps.Skip(before))}未报";
        return text;
    }

    /// <summary>
    /// The months a ranking's year-to-date figures cover, from the rows it was computed on: "2026年1—10月" when every
    /// unit's figures start in January (reported or as 期初累计); otherwise the first month with data, and which units
    /// start where.
    /// </summary>
    public static string ForRanking(IEnumerable<UnitMonthFigures> rows, int year, int month)
    {
        var byUnit = rows.Where(r => r.Year == year && r.Month <= month).GroupBy(r => r.UnitId).ToList();
        if (byUnit.Count == 0) return Span(year, 1, month);
        var starts = byUnit.Select(g => (Start: g.Min(r => r.IsOpeningBalance ? 1 : r.Month), Opening: g.FirstOrDefault(r => r.IsOpeningBalance))).ToList();
        var first = starts.Min(s => s.Start);
        var notes = new List<string>();
        if (first > 1) notes.Add($"{Ranges(Enumerable.Range(1, first - 1))}无数据");
        var openings = starts.Where(s => s.Opening is not null).Select(s => s.Opening!.Month).ToList();
        if (openings.Count > 0)
            notes.Add(openings.Distinct().Count() == 1
                ? $"{openings.Count}个单位{OpeningBalance.MonthsText(openings[0])}为期初累计"
                : $"{openings.Count}个单位{OpeningBalance.MonthsText(openings.Min())}至{OpeningBalance.MonthsText(openings.Max())}为期初累计");
        notes.AddRange(starts.Where(s => s.Start > first).GroupBy(s => s.Start).OrderBy(g => g.Key).Select(g => $"{g.Count()}个单位{g.Key}月起"));
        return Span(year, first, month) + (notes.Count > 0 ? $"（{string.Join("，", notes)}）" : "");
    }

    private static string Span(int year, int from, int to) => from >= to ? $"{year}年{to}月" : $"{year}年{from}—{to}月";
}
