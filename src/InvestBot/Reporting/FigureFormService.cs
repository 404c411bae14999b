using InvestBot.Common;
using InvestBot.Access;
using InvestBot.Organization;

namespace InvestBot.Reporting;

/// <summary>Everything a figures form shows: whose, which month, which metrics, what was saved before.</summary>
public sealed record FigureForm(Unit Unit, ReportingMonth Month, IReadOnlyList<Metric> Metrics,
    IReadOnlyDictionary<string, string> Inputs, int Revision, bool Late, DateOnly Deadline,
    IReadOnlyDictionary<string, string> Errors, string? Notice)
{
    /// <summary>The year so far before this month, per metric (empty in January or before anything was reported).</summary>
    public IReadOnlyList<MetricYearProgress> SoFar { get; init; } = [];

    /// <summary>Which months <see cref="SoFar"/> adds up, in words.</summary>
    public string? SoFarCovers { get; init; }
}

public abstract record FormOutcome
{
    public sealed record Form(FigureForm Value) : FormOutcome;
    public sealed record Receipt(FigureReceipt Value) : FormOutcome;
    public sealed record Denied(string Reason) : FormOutcome;
}

/// <summary>What the reporter sees after saving: the month's values with year-to-date totals and target progress.</summary>
public sealed record FigureReceipt(Unit Unit, SavedFigures Saved, IReadOnlyList<MetricYearProgress> Progress, bool Repeated)
{
    /// <summary>Which months the year-to-date adds up, in words (期初累计 and reported months).</summary>
    public string? Covers { get; init; }

    /// <summary>Rankings already published that this change alters (this month's and later months' of the year): 更正排名 is needed.</summary>
    public IReadOnlyList<ReportingMonth> PublishedRankings { get; init; } = [];

    /// <summary>Whether the admins were told of the change to a published month (null: not needed, e.g. an admin saved it).</summary>
    public bool? AdminsNotified { get; init; }

    /// <summary>How this submit's amounts typed with 亿/万 or separators were read, by metric id ("1.5亿 → 15000 万元").</summary>
    public IReadOnlyDictionary<string, string> Conversions { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Opening and submitting the monthly figures form. Every decision (who may report for which unit and month,
/// whether the values are acceptable) is made here from server-side state; the card's data is only a request.
/// </summary>
public sealed class FigureFormService(UnitDirectory units, MetricCatalog catalog, IUnitBindingStore bindings,
    UserRoles roles, MonthlyFiguresStore figures, AnnualTargetStore targets, UnitYearReader years,
    OpeningBalanceStore openings, PublishedRankings published, ReopenStore reopens, ReportingWindow window,
    TimeProvider time, InvestBotMetrics metrics, UnitRequirements requirements)
{
    public ReportingMonth DefaultMonth => window.DefaultMonth;

    /// <summary>The unit a user reports for by default: their binding (admins may name any unit).</summary>
    public async Task<Unit?> BoundUnitAsync(UserIdentity user, CancellationToken ct) =>
        await bindings.GetAsync(user.Id, ct) is { } b ? units.FindById(b.UnitId) : null;

    /// <param name="unit">The unit asked for (admins); null means the user's bound unit.</param>
    /// <param name="month">The month asked for; null means the default (previous) month.</param>
    public async Task<FormOutcome> OpenAsync(UserIdentity user, Unit? unit, ReportingMonth? month, CancellationToken ct)
    {
        var isAdmin = roles.IsAdmin(user);
        var bound = await bindings.GetAsync(user.Id, ct);
        unit ??= bound is null ? null : units.FindById(bound.UnitId);
        if (unit is null)
            return new FormOutcome.Denied(isAdmin
                ? "请指定要填报的单位，例如：填报 潮阳街道 2023-03。"
                : NotBoundMessage);
        var m = month ?? window.DefaultMonth;
        var yearTask = years.LoadAsync(unit, m.Year, ct);
        var reopenedTask = ReopenedAsync(unit, m, ct);
        await Task.WhenAll(yearTask, reopenedTask);
        var year = yearTask.Result;
        var decision = Decide(isAdmin, bound?.UnitId, unit, m, reopenedTask.Result, year.Opening);
        if (!decision.Allowed) return new FormOutcome.Denied(decision.Reason!);

        var saved = year.Months.FirstOrDefault(f => f.Month == m);
        var unitMetrics = catalog.ForKind(unit.Kind);
        var inputs = unitMetrics.Where(x => saved?.Values.ContainsKey(x.Id) == true)
            .ToDictionary(x => x.Id, x => Format(saved!.Values[x.Id]));
        return new FormOutcome.Form(WithYearSoFar(new FigureForm(unit, m, unitMetrics, inputs, saved?.Revision ?? 0, decision.Late,
            window.Deadline(m), new Dictionary<string, string>(), saved is null ? null : $"已于{Describe(saved)}提交，可修改后重新提交。"), year));
    }

    /// <summary>The form with the year so far before its month, so the reporter sees what the new month adds to.</summary>
    private static FigureForm WithYearSoFar(FigureForm form, UnitYear year) => form with
    {
        SoFar = year.ProgressBefore(form.Metrics, form.Month),
        SoFarCovers = form.Month.Month == 1 ? null : year.CoveredAt(form.Month.Previous),
    };

    /// <param name="unitId">From the card: untrusted, checked against the user's binding.</param>
    /// <param name="monthKey">From the card: untrusted, checked against the reporting window.</param>
    /// <param name="revision">The revision the form showed; guards against replays and concurrent edits.</param>
    /// <param name="raw">The user's inputs by metric id, as text.</param>
    public async Task<FormOutcome> SubmitAsync(UserIdentity user, string? unitId, string? monthKey, int? revision,
        IReadOnlyDictionary<string, string?> raw, CancellationToken ct)
    {
        var (outcome, rejected) = await SubmitCoreAsync(user, unitId, monthKey, revision, raw, ct);
        if (rejected is not null) metrics.SubmissionRejected(rejected);
        else if (outcome is FormOutcome.Receipt { Value.Repeated: false }) metrics.SubmissionSaved();
        return outcome;
    }

    /// <returns>The outcome, and why nothing was saved (denied, invalid, stale) when that is so.</returns>
    private async Task<(FormOutcome, string?)> SubmitCoreAsync(UserIdentity user, string? unitId, string? monthKey, int? revision,
        IReadOnlyDictionary<string, string?> raw, CancellationToken ct)
    {
        var unit = units.FindById(unitId);
        var month = ReportingMonth.TryParse(monthKey);
        if (unit is null || month is null || revision is null or < 0)
            return (new FormOutcome.Denied("表单数据不完整或已失效，数据未保存。请重新发送“填报”获取表单。"), "denied");
        var isAdmin = roles.IsAdmin(user);
        // Everything the submit reads, at once: one wait for storage instead of one per read. The year's rows are both
        // the concurrency check of the save (their ETags) and the receipt's year-to-date (with the unit's 期初累计); the
        // published rankings say whether the change needs 更正排名. Nothing is written unless allowed.
        var boundTask = bindings.GetAsync(user.Id, ct);
        var yearTask = figures.ReadUnitYearAsync(unit.Id, month.Value.Year, ct);
        var targetsTask = targets.GetUnitAsync(month.Value.Year, unit.Id, ct);
        var openingTask = openings.GetAsync(month.Value.Year, unit.Id, ct);
        var publishedTask = published.FromAsync(month.Value, ct);
        var reopenedTask = ReopenedAsync(unit, month.Value, ct);
        await Task.WhenAll(boundTask, yearTask, targetsTask, openingTask, publishedTask, reopenedTask);
        var (bound, year, unitTargets, opening) = (boundTask.Result, yearTask.Result, targetsTask.Result, openingTask.Result);
        var decision = Decide(isAdmin, bound?.UnitId, unit, month.Value, reopenedTask.Result, opening);
        if (!decision.Allowed) return (new FormOutcome.Denied(decision.Reason! + "数据未保存。"), "denied");
        // Targets in force: entered by admins, else the document's own target for the unit (（三） for the platforms).
        var unitYear = new UnitYear(unit.Id, month.Value.Year, year.Months, opening,
            requirements.Merge(unit.Id, unit.Kind, month.Value.Year, unitTargets));

        var unitMetrics = catalog.ForKind(unit.Kind);
        var inputs = unitMetrics.ToDictionary(m => m.Id, m => raw.TryGetValue(m.Id, out var v) ? (v ?? "").Trim() : "");
        var validation = FigureValidator.Validate(unitMetrics, raw);
        if (!validation.IsValid)
            return (new FormOutcome.Form(WithYearSoFar(new FigureForm(unit, month.Value, unitMetrics, inputs, revision.Value, decision.Late,
                window.Deadline(month.Value), validation.Errors, "有填写不正确的项目，请按提示修改后重新提交（数据尚未保存）。"), unitYear)), "invalid");

        var stored = year.Month(month.Value);
        var values = RetiredFigures.Keep(validation.Values, stored?.Figures.Values, unitMetrics);
        var outcome = await figures.SaveAsync(new FigureSubmission(unit.Id, month.Value, values, revision.Value,
            user.Id, user.Name, decision.Late), stored, ct);
        switch (outcome)
        {
            case SaveOutcome.Saved saved:
                return (new FormOutcome.Receipt(Receipt(unit, saved.Figures, unitYear, repeated: false) with
                {
                    PublishedRankings = publishedTask.Result, Conversions = validation.Conversions,
                }), null);
            case SaveOutcome.Stale { Current: { } current } when SameValues(current.Values, RetiredFigures.Keep(validation.Values, current.Values, unitMetrics)):
                // A second press of the same submit: already saved, show the same receipt again.
                return (new FormOutcome.Receipt(Receipt(unit, current, unitYear, repeated: true) with { Conversions = validation.Conversions }), null);
            case SaveOutcome.Stale stale:
                // Someone else saved in between: keep this user's input, base it on the new revision, and say so.
                var notice = stale.Current is null
                    ? "表单已过期，请核对后重新提交（数据尚未保存）。"
                    : $"在您填写期间，{Describe(stale.Current)}已提交了本单位本月数据（见下方提示）。您的数据尚未保存；请核对后再次提交以覆盖。";
                var errors = stale.Current is null
                    ? new Dictionary<string, string>()
                    : unitMetrics.Where(m => stale.Current.Values.TryGetValue(m.Id, out var v) && (!validation.Values.TryGetValue(m.Id, out var mine) || mine != v))
                        .ToDictionary(m => m.Id, m => $"已保存的数值为 {Format(stale.Current.Values[m.Id])}");
                return (new FormOutcome.Form(WithYearSoFar(new FigureForm(unit, month.Value, unitMetrics, inputs, stale.Current?.Revision ?? 0,
                    decision.Late, window.Deadline(month.Value), errors, notice), unitYear)), "stale");
            default:
                throw new InvalidOperationException("Unknown save outcome.");
        }
    }

    /// <summary>The receipt from the year as read before the save, with the saved month in place (no further read).</summary>
    private FigureReceipt Receipt(Unit unit, SavedFigures saved, UnitYear year, bool repeated)
    {
        var after = year with { Months = year.Months.Where(m => m.Month != saved.Month).Append(saved).OrderBy(m => m.Month).ToList() };
        return new FigureReceipt(unit, saved, after.ProgressAt(catalog.ForKind(unit.Kind), saved.Month), repeated) { Covers = after.CoveredAt(saved.Month) };
    }

    /// <summary>An admin's 重新开放 matters only once the month's window has closed; otherwise no read.</summary>
    private async Task<bool> ReopenedAsync(Unit unit, ReportingMonth month, CancellationToken ct) =>
        window.StateOf(month) == WindowState.Closed && await reopens.IsReopenedAsync(month, unit.Id, time.GetUtcNow(), ct);

    private SubmissionDecision Decide(bool isAdmin, string? boundUnitId, Unit unit, ReportingMonth month, bool reopened, OpeningBalance? opening)
    {
        // A unit whose kind has no metrics in metrics.json has nothing to fill in.
        if (catalog.ForKind(unit.Kind).Count == 0) return SubmissionDecision.Deny($"{unit.Name}没有需要填报的指标。");
        return SubmissionPolicy.Decide(isAdmin, boundUnitId, unit, month, window.StateOf(month), window.Opens(month), window.Deadline(month),
            reopened, opening);
    }

    public const string NotBoundMessage = "您还没有绑定填报单位。请发送“绑定 单位名称”（例如：绑定 潮阳街道），经管理员审批后即可填报。";

    public static bool SameValues(IReadOnlyDictionary<string, decimal> a, IReadOnlyDictionary<string, decimal> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    private string Describe(SavedFigures saved) =>
        $"{saved.SubmittedByName ?? "有人"}（{TimeZoneInfo.ConvertTime(saved.SubmittedAt, window.Zone):M月d日 HH:mm}）";

    public static string Format(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
