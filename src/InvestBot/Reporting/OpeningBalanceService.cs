using InvestBot.Access;
using InvestBot.Organization;

namespace InvestBot.Reporting;

/// <summary>What the 期初累计 card shows: the unit, the year, the months it may run to, the metrics and the current values.</summary>
/// <param name="MaxMonth">The last month of the year that has ended (the balance cannot run past it).</param>
/// <param name="ThroughMonth">The month the balance runs to now (0: none yet).</param>
public sealed record OpeningEntry(Unit Unit, int Year, int MaxMonth, int ThroughMonth, IReadOnlyList<Metric> Metrics,
    IReadOnlyDictionary<string, string> Inputs, int Revision);

public abstract record OpeningOutcome
{
    public sealed record Form(OpeningEntry Entry, IReadOnlyDictionary<string, string> Errors, string? Notice) : OpeningOutcome;
    /// <param name="Conversions">How amounts with 亿/万 or separators were read, by metric id.</param>
    /// <param name="PublishedRankings">Published rankings of the year whose year-to-date the change alters.</param>
    public sealed record Saved(OpeningBalance Balance, Unit Unit, IReadOnlyList<Metric> Metrics, IReadOnlyDictionary<string, string> Conversions,
        IReadOnlyList<ReportingMonth> PublishedRankings) : OpeningOutcome;
    public sealed record Denied(string Reason) : OpeningOutcome;
}

/// <summary>
/// 期初累计 (admins only, checked here): a unit's totals from January to a chosen month for the months before it
/// reported through InvestBot, so year-to-date figures, receipts and rankings add up from January. Only cumulative
/// metrics have one (a 时点数 such as team size is simply the latest month reported). The months inside a balance are
/// not reported month by month: a balance may not cover a month the unit already reported, and the form refuses
/// months a balance covers.
/// </summary>
public sealed class OpeningBalanceService(OpeningBalanceStore store, MonthlyFiguresStore figures, MetricCatalog catalog, UnitDirectory units,
    UserRoles roles, ReportingWindow window, PublishedRankings published)
{
    public const string AdminOnly = "只有区合作交流办管理员可以录入期初累计。";
    public const string ThroughMonthField = "throughMonth";

    /// <summary>The metrics a balance holds for a unit: its cumulative ones.</summary>
    public IReadOnlyList<Metric> MetricsFor(Unit unit) => catalog.ForKind(unit.Kind).Where(m => m.Cumulative).ToList();

    public async Task<OpeningOutcome> OpenAsync(UserIdentity admin, Unit unit, int year, CancellationToken ct)
    {
        if (Refusal(admin, unit, year) is { } reason) return new OpeningOutcome.Denied(reason);
        var current = await store.GetAsync(year, unit.Id, ct);
        var metrics = MetricsFor(unit);
        var inputs = current is { IsSet: true }
            ? metrics.Where(m => current.Values.ContainsKey(m.Id)).ToDictionary(m => m.Id, m => FigureFormService.Format(current.Values[m.Id]))
            : new Dictionary<string, string>();
        return new OpeningOutcome.Form(new OpeningEntry(unit, year, MaxMonth(year), current?.ThroughMonth ?? 0, metrics, inputs, current?.Revision ?? 0),
            new Dictionary<string, string>(), current is { IsSet: true } ? $"当前期初累计为{current.MonthsLabel}（{current.UpdatedByName ?? current.UpdatedBy} 录入）。" : null);
    }

    /// <param name="unitId">From the card: untrusted.</param>
    /// <param name="revision">The revision the card showed; guards against replays and two admins editing at once.</param>
    /// <param name="throughText">The chosen month, as the client sent it ("5"; "0" clears the balance).</param>
    public async Task<OpeningOutcome> SaveAsync(UserIdentity admin, string? unitId, int year, int revision, string? throughText,
        IReadOnlyDictionary<string, string?> raw, CancellationToken ct)
    {
        if (units.FindById(unitId) is not { } unit) return new OpeningOutcome.Denied("表单数据无效，期初累计未保存。");
        if (Refusal(admin, unit, year) is { } reason) return new OpeningOutcome.Denied(reason + "期初累计未保存。");
        var metrics = MetricsFor(unit);
        var max = MaxMonth(year);
        var inputs = metrics.ToDictionary(m => m.Id, m => (raw.GetValueOrDefault(m.Id) ?? "").Trim());
        var errors = new Dictionary<string, string>();
        var through = int.TryParse(throughText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t)
            && t >= 0 && t <= max ? t : -1;
        var current = await store.GetAsync(year, unit.Id, ct);
        OpeningOutcome.Form Again(string notice, int shownRevision) => new(new OpeningEntry(unit, year, max, Math.Max(through, 0), metrics, inputs, shownRevision), errors, notice);

        if (through < 0) errors[ThroughMonthField] = $"请选择期初累计截至的月份（1—{max}月）";
        else if (through == 0 && current is not { IsSet: true }) errors[ThroughMonthField] = "请选择期初累计截至的月份";
        else if (through > 0)
        {
            var reported = (await figures.ListUnitYearAsync(unit.Id, year, ct)).Where(f => f.Month.Month <= through).Select(f => f.Month.Month).ToList();
            if (reported.Count > 0)
                errors[ThroughMonthField] = $"{unit.Name}已通过 InvestBot 填报了{MonthCoverage.Ranges(reported)}的数据；期初累计只能覆盖开始使用 InvestBot 之前的月份" +
                    (reported.Min() > 1 ? $"（最多截至{reported.Min() - 1}月）。" : "，该单位今年没有这样的月份。");
        }
        var values = new Dictionary<string, decimal>();
        var conversions = new Dictionary<string, string>();
        if (through > 0)
            foreach (var metric in metrics)
            {
                var parsed = AmountText.Parse(inputs[metric.Id], metric, metric.Max * through);
                if (parsed.Error is not null) errors[metric.Id] = parsed.Error;
                else values[metric.Id] = parsed.Value;
                if (parsed.Error is null && parsed.Conversion is not null) conversions[metric.Id] = parsed.Conversion;
            }
        foreach (var metric in metrics.Where(m => m.PartOf is not null))
            if (values.TryGetValue(metric.Id, out var part) && values.TryGetValue(metric.PartOf!, out var whole) && part > whole)
                errors[metric.Id] = $"不能大于“{metrics.First(m => m.Id == metric.PartOf).Name}”（{FigureFormService.Format(whole)}）";
        if (errors.Count > 0) return Again("有填写不正确的项目，期初累计未保存。请按提示修改后重新保存。", revision);
        // Metrics no longer on the unit's form (retired, or the unit changed kind) keep their opening figures while the months
        // they cover stay the same; a balance through another month drops them from the current reading (its history keeps them).
        if (current is { IsSet: true } && current.ThroughMonth == through)
            values = new Dictionary<string, decimal>(RetiredFigures.Keep(values, current.Values, metrics));

        var outcome = await store.SaveAsync(new OpeningBalanceChange(unit.Id, year, through, values, revision, admin.Id, admin.Name), ct);
        if (outcome is OpeningSaveOutcome.Stale stale)
        {
            if (stale.Current is { } now && now.ThroughMonth == through && FigureFormService.SameValues(now.Values, values))
                return new OpeningOutcome.Saved(now, unit, metrics, conversions, []); // a second press of the same save
            return Again($"在您填写期间，{stale.Current?.UpdatedByName ?? "其他管理员"}已修改了{unit.Name}的期初累计（现为{stale.Current?.MonthsLabel ?? "无"}）。" +
                "您的数据尚未保存；请核对后再次保存以覆盖。", stale.Current?.Revision ?? 0);
        }
        var saved = ((OpeningSaveOutcome.Saved)outcome).Balance;
        // The balance enters year-to-date from the month it runs to (before the change: from its old month).
        var from = new[] { through, current?.ThroughMonth ?? 0 }.Where(m => m > 0).DefaultIfEmpty(1).Min();
        return new OpeningOutcome.Saved(saved, unit, metrics, conversions, await published.FromAsync(new ReportingMonth(year, from), ct));
    }

    /// <summary>The last ended month of the year in office time (0 when none has ended yet).</summary>
    private int MaxMonth(int year)
    {
        var today = window.Today;
        return year < today.Year ? 12 : year == today.Year ? today.Month - 1 : 0;
    }

    private string? Refusal(UserIdentity admin, Unit unit, int year)
    {
        if (!roles.IsAdmin(admin)) return AdminOnly;
        if (!unit.Reports) return unit.NotReportingMessage;
        if (MetricsFor(unit).Count == 0) return $"{unit.Name}没有按年累计的指标，无需期初累计。";
        if (year is < ReportingMonth.MinYear or > ReportingMonth.MaxYear) return "年份不正确。";
        if (MaxMonth(year) == 0) return $"{year}年还没有已结束的月份，无需期初累计。";
        return null;
    }
}
