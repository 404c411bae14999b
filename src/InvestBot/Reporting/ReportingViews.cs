using InvestBot.Access;
using InvestBot.Organization;
using Microsoft.Extensions.Options;

namespace InvestBot.Reporting;

/// <summary>One unit's line in 填报情况: its saved figures, or null when it has not submitted.</summary>
public sealed record UnitStatus(Unit Unit, SavedFigures? Saved, bool Reopened)
{
    /// <summary>The unit's 期初累计 when it covers the month (the month is not reported on its own).</summary>
    public OpeningBalance? Opening { get; init; }

    /// <summary>The people bound to report for the unit.</summary>
    public IReadOnlyList<UnitBinding> Reporters { get; init; } = [];
}

public sealed record MonthStatus(ReportingMonth Month, DateOnly Deadline, WindowState State, IReadOnlyList<UnitStatus> Units)
{
    /// <summary>The first day the month may be reported.</summary>
    public DateOnly Opens { get; init; }

    public IEnumerable<UnitStatus> Submitted => Units.Where(u => u.Saved is not null);
    public IEnumerable<UnitStatus> Missing => Units.Where(u => u.Saved is null && u.Opening is null);
    public IEnumerable<UnitStatus> InOpeningBalance => Units.Where(u => u.Saved is null && u.Opening is not null);

    /// <summary>Missing units nobody is bound to report for: a reminder cannot reach them.</summary>
    public IEnumerable<UnitStatus> WithoutReporter => Missing.Where(u => u.Reporters.Count == 0);

    /// <summary>Missing units a reminder makes sense for now: all of them while the window is open, afterwards the reopened ones.</summary>
    public IEnumerable<UnitStatus> ToRemind => Missing.Where(u => u.Reporters.Count > 0 && (State == WindowState.Open || u.Reopened));
}

/// <summary>The read-only views (填报情况, 我的填报) and the admin's 重新开放. Roles are checked here.</summary>
public sealed class ReportingViews(UnitDirectory units, UserRoles roles, IUnitBindingStore bindings,
    MonthlyFiguresStore figures, ReopenStore reopens, OpeningBalanceStore openings, ReportingWindow window,
    IOptions<ReportingOptions> options, TimeProvider time)
{
    private readonly ReportingOptions _options = options.Value;

    public ReportingMonth DefaultMonth => window.DefaultMonth;

    /// <summary>Null when the user may not see it: admins and read-only 督查 users may (<paramref name="toAct"/>: admins only,
    /// for 一键催报, which acts on what it reads).</summary>
    public async Task<MonthStatus?> StatusAsync(UserIdentity user, ReportingMonth month, CancellationToken ct, bool toAct = false)
    {
        if (toAct ? !roles.IsAdmin(user) : !roles.MayView(user)) return null;
        // Four reads at once, whatever the number of units (not one reopening read per missing unit).
        var savedTask = figures.ListMonthAsync(month, ct);
        var openingsTask = openings.ListYearAsync(month.Year, ct);
        var bindingsTask = bindings.ListAsync(ct);
        var reopenedTask = reopens.ReopenedUnitsAsync(month, time.GetUtcNow(), ct);
        await Task.WhenAll(savedTask, openingsTask, bindingsTask, reopenedTask);
        var saved = savedTask.Result.ToDictionary(f => f.UnitId);
        var openingByUnit = openingsTask.Result.Where(o => o.Covers(month)).ToDictionary(o => o.UnitId);
        var reporters = bindingsTask.Result.ToLookup(b => b.UnitId);
        var statuses = new List<UnitStatus>();
        foreach (var unit in units.Units.Where(u => u.Reports))
        {
            var reopened = !saved.ContainsKey(unit.Id) && reopenedTask.Result.Contains(unit.Id);
            statuses.Add(new UnitStatus(unit, saved.GetValueOrDefault(unit.Id), reopened)
            {
                Opening = openingByUnit.GetValueOrDefault(unit.Id),
                Reporters = reporters[unit.Id].ToList(),
            });
        }
        return new MonthStatus(month, window.Deadline(month), window.StateOf(month), statuses) { Opens = window.Opens(month) };
    }

    /// <summary>The user's unit and its saved months of the year; null unit when the user is not bound.</summary>
    public async Task<(Unit? Unit, IReadOnlyList<SavedFigures> Months)> MineAsync(UserIdentity user, int year, CancellationToken ct)
    {
        var unit = await bindings.GetAsync(user.Id, ct) is { } b ? units.FindById(b.UnitId) : null;
        if (unit is null) return (null, Array.Empty<SavedFigures>());
        return (unit, await figures.ListUnitYearAsync(unit.Id, year, ct));
    }

    /// <summary>
    /// Lets one unit submit a closed month again until the end of the <see cref="ReportingOptions.ReopenDays"/>th day from
    /// today (office time). Returns what to tell the admin and, when it was reopened, the unit's reporters to notify.
    /// </summary>
    public async Task<(string Message, IReadOnlyList<UnitBinding> Reporters)> ReopenAsync(UserIdentity admin, Unit unit, ReportingMonth month, CancellationToken ct)
    {
        var none = Array.Empty<UnitBinding>();
        if (!roles.IsAdmin(admin)) return ("只有区合作交流办管理员可以重新开放填报。", none);
        if (!unit.Reports) return (unit.NotReportingMessage, none);
        if (window.StateOf(month) != WindowState.Closed) return (NotClosed(month), none);
        var lastDay = ReopenLastDay;
        await reopens.ReopenAsync(month, unit.Id, window.EndOfDay(lastDay), admin.Name ?? admin.Id, ct);
        var reporters = (await bindings.ListAsync(ct)).Where(b => b.UnitId == unit.Id).ToList();
        return ($"已为{unit.Name}重新开放{month.Label}的填报，至{lastDay.Month}月{lastDay.Day}日（含当天）。期间提交的数据将标记为逾期补报。", reporters);
    }

    /// <summary>重新开放 全部: every reporting unit that has not submitted the month, in one command.</summary>
    public async Task<(string Message, IReadOnlyList<UnitBinding> Reporters)> ReopenAllAsync(UserIdentity admin, ReportingMonth month, CancellationToken ct)
    {
        var none = Array.Empty<UnitBinding>();
        if (!roles.IsAdmin(admin)) return ("只有区合作交流办管理员可以重新开放填报。", none);
        if (window.StateOf(month) != WindowState.Closed) return (NotClosed(month), none);
        var submitted = (await figures.ListMonthAsync(month, ct)).Select(f => f.UnitId).ToHashSet();
        var open = units.Units.Where(u => u.Reports && !submitted.Contains(u.Id)).ToList();
        var lastDay = ReopenLastDay;
        var until = window.EndOfDay(lastDay);
        await Task.WhenAll(open.Select(u => reopens.ReopenAsync(month, u.Id, until, admin.Name ?? admin.Id, ct)));
        var ids = open.Select(u => u.Id).ToHashSet();
        var reporters = (await bindings.ListAsync(ct)).Where(b => ids.Contains(b.UnitId)).ToList();
        return ($"已为尚未报送的 {open.Count} 个单位重新开放{month.Label}的填报，至{lastDay.Month}月{lastDay.Day}日（含当天）" +
            (submitted.Count > 0 ? $"（已报送的 {submitted.Count} 个单位如需修改，可在期间内修改）" : "") + "。期间提交的数据将标记为逾期补报。", reporters);
    }

    private DateOnly ReopenLastDay => window.Today.AddDays(Math.Max(1, _options.ReopenDays));

    private string NotClosed(ReportingMonth month) => window.StateOf(month) == WindowState.Open
        ? $"{month.Label}的填报尚未截止（{window.Deadline(month).Month}月{window.Deadline(month).Day}日截止），无需重新开放。"
        : $"{month.Label}的填报尚未截止，无需重新开放。";
}
