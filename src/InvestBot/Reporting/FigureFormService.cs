using InvestBot.Common;
using InvestBot.Access;
using InvestBot.Organization;

namespace InvestBot.Reporting;

/// <summary>Everything a figures form shows: whose, which month, which metrics, what was saved before.</summary>
public sealed record FigureForm(Unit Unit, ReportingMonth Month, IReadOnlyList<Metric> Metrics,
    IReadOnlyDictionary<string, string> Inputs, int Revision, bool Late, DateOnly Deadline,
    IReadOnlyDictionary<string, string> Errors, string? Notice);

public abstract record FormOutcome
{
    public sealed record Form(FigureForm Value) : FormOutcome;
    public sealed record Receipt(FigureReceipt Value) : FormOutcome;
    public sealed record Denied(string Reason) : FormOutcome;
}

/// <summary>What the reporter sees after saving: the month's values with year-to-date totals and target progress.</summary>
public sealed record FigureReceipt(Unit Unit, SavedFigures Saved, IReadOnlyList<MetricYearProgress> Progress, bool Repeated);

/// <summary>
/// Opening and submitting the monthly figures form. Every decision (who may report for which unit and month,
/// whether the values are acceptable) is made here from server-side state; the card's data is only a request.
/// </summary>
public sealed class FigureFormService
{
    private readonly UnitDirectory _units;
    private readonly MetricCatalog _catalog;
    private readonly IUnitBindingStore _bindings;
    private readonly UserRoles _roles;
    private readonly MonthlyFiguresStore _figures;
    private readonly AnnualTargetStore _targets;
    private readonly ReopenStore _reopens;
    private readonly ReportingWindow _window;
    private readonly TimeProvider _time;
    private readonly InvestBotMetrics _metrics;

    public FigureFormService(UnitDirectory units, MetricCatalog catalog, IUnitBindingStore bindings, UserRoles roles,
        MonthlyFiguresStore figures, AnnualTargetStore targets, ReopenStore reopens, ReportingWindow window, TimeProvider time,
        InvestBotMetrics metrics)
    {
        _metrics = metrics;
        _units = units;
        _catalog = catalog;
        _bindings = bindings;
        _roles = roles;
        _figures = figures;
        _targets = targets;
        _reopens = reopens;
        _window = window;
        _time = time;
    }

    public ReportingMonth DefaultMonth => _window.DefaultMonth;

    /// <summary>The unit a user reports for by default: their binding (admins may name any unit).</summary>
    public async Task<Unit?> BoundUnitAsync(UserIdentity user, CancellationToken ct) =>
        await _bindings.GetAsync(user.Id, ct) is { } b ? _units.FindById(b.UnitId) : null;

    /// <param name="unit">The unit asked for (admins); null means the user's bound unit.</param>
    /// <param name="month">The month asked for; null means the default (previous) month.</param>
    public async Task<FormOutcome> OpenAsync(UserIdentity user, Unit? unit, ReportingMonth? month, CancellationToken ct)
    {
        var isAdmin = _roles.IsAdmin(user);
        var bound = await _bindings.GetAsync(user.Id, ct);
        unit ??= bound is null ? null : _units.FindById(bound.UnitId);
        if (unit is null)
            return new FormOutcome.Denied(isAdmin
                ? "请指定要填报的单位，例如：填报 潮阳街道 2023-03。"
                : NotBoundMessage);
        var m = month ?? _window.DefaultMonth;
        var decision = await DecideAsync(isAdmin, bound?.UnitId, unit, m, ct);
        if (!decision.Allowed) return new FormOutcome.Denied(decision.Reason!);

        var saved = await _figures.GetAsync(m, unit.Id, ct);
        var metrics = _catalog.ForKind(unit.Kind);
        var inputs = metrics.Where(x => saved?.Values.ContainsKey(x.Id) == true)
            .ToDictionary(x => x.Id, x => Format(saved!.Values[x.Id]));
        return new FormOutcome.Form(new FigureForm(unit, m, metrics, inputs, saved?.Revision ?? 0, decision.Late,
            _window.Deadline(m), new Dictionary<string, string>(), saved is null ? null : $"已于{Describe(saved)}提交，可修改后重新提交。"));
    }

    /// <param name="unitId">From the card: untrusted, checked against the user's binding.</param>
    /// <param name="monthKey">From the card: untrusted, checked against the reporting window.</param>
    /// <param name="revision">The revision the form showed; guards against replays and concurrent edits.</param>
    /// <param name="raw">The user's inputs by metric id, as text.</param>
    public async Task<FormOutcome> SubmitAsync(UserIdentity user, string? unitId, string? monthKey, int? revision,
        IReadOnlyDictionary<string, string?> raw, CancellationToken ct)
    {
        var (outcome, rejected) = await SubmitCoreAsync(user, unitId, monthKey, revision, raw, ct);
        if (rejected is not null) _metrics.SubmissionRejected(rejected);
        else if (outcome is FormOutcome.Receipt { Value.Repeated: false }) _metrics.SubmissionSaved();
        return outcome;
    }

    /// <returns>The outcome, and why nothing was saved (denied, invalid, stale) when that is so.</returns>
    private async Task<(FormOutcome, string?)> SubmitCoreAsync(UserIdentity user, string? unitId, string? monthKey, int? revision,
        IReadOnlyDictionary<string, string?> raw, CancellationToken ct)
    {
        var unit = _units.FindById(unitId);
        var month = ReportingMonth.TryParse(monthKey);
        if (unit is null || month is null || revision is null or < 0)
            return (new FormOutcome.Denied("表单数据不完整或已失效，数据未保存。请重新发送“填报”获取表单。"), "denied");
        var isAdmin = _roles.IsAdmin(user);
        // Everything the submit reads, at once: one wait for storage instead of one per read. The year's rows are both
        // the concurrency check of the save (their ETags) and the receipt's year-to-date; nothing is written unless allowed.
        var boundTask = _bindings.GetAsync(user.Id, ct);
        var yearTask = _figures.ReadUnitYearAsync(unit.Id, month.Value.Year, ct);
        var targetsTask = _targets.GetUnitAsync(month.Value.Year, unit.Id, ct);
        var reopenedTask = ReopenedAsync(unit, month.Value, ct);
        await Task.WhenAll(boundTask, yearTask, targetsTask, reopenedTask);
        var (bound, year, targets) = (boundTask.Result, yearTask.Result, targetsTask.Result);
        var decision = Decide(isAdmin, bound?.UnitId, unit, month.Value, reopenedTask.Result);
        if (!decision.Allowed) return (new FormOutcome.Denied(decision.Reason! + "数据未保存。"), "denied");

        var metrics = _catalog.ForKind(unit.Kind);
        var inputs = metrics.ToDictionary(m => m.Id, m => raw.TryGetValue(m.Id, out var v) ? (v ?? "").Trim() : "");
        var validation = FigureValidator.Validate(metrics, raw);
        if (!validation.IsValid)
            return (new FormOutcome.Form(new FigureForm(unit, month.Value, metrics, inputs, revision.Value, decision.Late,
                _window.Deadline(month.Value), validation.Errors, "有填写不正确的项目，请按提示修改后重新提交（数据尚未保存）。")), "invalid");

        var outcome = await _figures.SaveAsync(new FigureSubmission(unit.Id, month.Value, validation.Values, revision.Value,
            user.Id, user.Name, decision.Late), year.Month(month.Value), ct);
        switch (outcome)
        {
            case SaveOutcome.Saved saved:
                return (new FormOutcome.Receipt(Receipt(unit, saved.Figures, year, targets, repeated: false)), null);
            case SaveOutcome.Stale { Current: { } current } when SameValues(current.Values, validation.Values):
                // A second press of the same submit: already saved, show the same receipt again.
                return (new FormOutcome.Receipt(Receipt(unit, current, year, targets, repeated: true)), null);
            case SaveOutcome.Stale stale:
                // Someone else saved in between: keep this user's input, base it on the new revision, and say so.
                var notice = stale.Current is null
                    ? "表单已过期，请核对后重新提交（数据尚未保存）。"
                    : $"在您填写期间，{Describe(stale.Current)}已提交了本单位本月数据（见下方提示）。您的数据尚未保存；请核对后再次提交以覆盖。";
                var errors = stale.Current is null
                    ? new Dictionary<string, string>()
                    : metrics.Where(m => stale.Current.Values.TryGetValue(m.Id, out var v) && (!validation.Values.TryGetValue(m.Id, out var mine) || mine != v))
                        .ToDictionary(m => m.Id, m => $"已保存的数值为 {Format(stale.Current.Values[m.Id])}");
                return (new FormOutcome.Form(new FigureForm(unit, month.Value, metrics, inputs, stale.Current?.Revision ?? 0,
                    decision.Late, _window.Deadline(month.Value), errors, notice)), "stale");
            default:
                throw new InvalidOperationException("Unknown save outcome.");
        }
    }

    private FigureReceipt Receipt(Unit unit, SavedFigures saved, UnitYearFigures year, IReadOnlyDictionary<string, decimal> targets, bool repeated) =>
        new(unit, saved, UnitYearProgress.Compute(_catalog.ForKind(unit.Kind), saved.Month, year.With(saved), targets), repeated);

    public async Task<FigureReceipt> ReceiptAsync(Unit unit, SavedFigures saved, bool repeated, CancellationToken ct)
    {
        var year = await _figures.ListUnitYearAsync(unit.Id, saved.Month.Year, ct);
        var targets = await _targets.GetUnitAsync(saved.Month.Year, unit.Id, ct);
        return new FigureReceipt(unit, saved, UnitYearProgress.Compute(_catalog.ForKind(unit.Kind), saved.Month, year, targets), repeated);
    }

    private async Task<SubmissionDecision> DecideAsync(bool isAdmin, string? boundUnitId, Unit unit, ReportingMonth month, CancellationToken ct) =>
        Decide(isAdmin, boundUnitId, unit, month, await ReopenedAsync(unit, month, ct));

    /// <summary>An admin's 重新开放 matters only once the month's window has closed; otherwise no read.</summary>
    private async Task<bool> ReopenedAsync(Unit unit, ReportingMonth month, CancellationToken ct) =>
        _window.StateOf(month) == WindowState.Closed && await _reopens.IsReopenedAsync(month, unit.Id, _time.GetUtcNow(), ct);

    private SubmissionDecision Decide(bool isAdmin, string? boundUnitId, Unit unit, ReportingMonth month, bool reopened)
    {
        // A unit whose kind has no metrics in metrics.json has nothing to fill in.
        if (_catalog.ForKind(unit.Kind).Count == 0) return SubmissionDecision.Deny($"{unit.Name}没有需要填报的指标。");
        return SubmissionPolicy.Decide(isAdmin, boundUnitId, unit, month, _window.StateOf(month), _window.Deadline(month), reopened);
    }

    public const string NotBoundMessage = "您还没有绑定填报单位。请发送“绑定 单位名称”（例如：绑定 潮阳街道），经管理员审批后即可填报。";

    private static bool SameValues(IReadOnlyDictionary<string, decimal> a, IReadOnlyDictionary<string, decimal> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    private string Describe(SavedFigures saved) =>
        $"{saved.SubmittedByName ?? "有人"}（{TimeZoneInfo.ConvertTime(saved.SubmittedAt, _window.Zone):M月d日 HH:mm}）";

    public static string Format(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
