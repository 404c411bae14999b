using InvestBot.Access;
using InvestBot.Organization;
using InvestBot.Reporting;

namespace InvestBot.KeyProjects;

/// <summary>The registration / edit form: whose, which project (id minted when shown), what was entered, what is wrong.</summary>
/// <param name="Revision">0 for a new project, else the revision the form is based on.</param>
public sealed record ProjectForm(Unit Unit, string ProjectId, int Revision, IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, string> Errors, string? Notice);

/// <summary>The month's progress form of one project.</summary>
public sealed record ProgressForm(Unit Unit, KeyProject Project, ReportingMonth Month, DateOnly Deadline, bool Late,
    IReadOnlyDictionary<string, string> Inputs, IReadOnlyDictionary<string, string> Errors, string? Notice);

/// <summary>An admin's form for a problem found by a 上级/本级 check; <paramref name="FindingId"/> is minted when shown.</summary>
public sealed record FindingForm(Unit Unit, KeyProject Project, string FindingId, IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, string> Errors, string? Notice);

/// <summary>整改完成's form: the finding, its state revision as shown, and the optional note.</summary>
public sealed record RectifyForm(Unit Unit, KeyProject Project, CheckFinding Finding, IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, string> Errors, string? Notice);

/// <summary>One project with where it stands in the month checked.</summary>
/// <param name="DateConflict">The stage and the expected dates disagree (开工 while 预计开工 is still ahead), said plainly; null when they agree.</param>
public sealed record ProjectStatus(KeyProject Project, Unit Unit, ReportingMonth Month, ProgressUpdate? ThisMonth, bool Stalled,
    int MonthsWithoutProgress, string? DateConflict = null);

/// <summary>A project's card: its status, its recent updates, the check findings, and what the viewer may do with it.</summary>
public sealed record ProjectDetail(ProjectStatus Status, IReadOnlyList<ProgressUpdate> Updates, bool ViewerIsAdmin)
{
    public IReadOnlyList<CheckFinding> Findings { get; init; } = [];
    /// <summary>An admin or 督查 user: the card offers 记录检查问题, 整改完成 and 重新打开 (the server checks again on every press).</summary>
    public bool ViewerChecks { get; init; }
    /// <summary>A 督查 user reading another unit's project: the card offers no change (every change is refused anyway).</summary>
    public bool ViewerReadsOnly { get; init; }
}

public abstract record ProjectOutcome
{
    public sealed record Form(ProjectForm Value) : ProjectOutcome;
    public sealed record Progress(ProgressForm Value) : ProjectOutcome;
    public sealed record Finding(FindingForm Value) : ProjectOutcome;
    public sealed record Rectify(RectifyForm Value) : ProjectOutcome;
    /// <summary>Saved (or, when <paramref name="Repeated"/>, already saved before): the project as it is now.</summary>
    /// <param name="Conversions">How amounts written with 亿/万 or separators were read (“计划总投资：1.5亿 → 15000 万元”).</param>
    public sealed record Done(ProjectDetail Detail, string Message, bool Repeated = false) : ProjectOutcome
    {
        public IReadOnlyList<string> Conversions { get; init; } = [];
    }
    public sealed record Denied(string Reason) : ProjectOutcome;
}

/// <summary>
/// Registering, editing, marking and the monthly progress of key projects. Every decision — whose project, which month,
/// which values — is made here from server-side state; the card's data is only a request.
/// The month checked is the reporting month (the previous one); an update after the figures' deadline is kept and marked late.
/// </summary>
public sealed class KeyProjectService(KeyProjectStore store, KeyProjectRules rules, ProjectValidator validator, UnitDirectory units,
    IUnitBindingStore bindings, UserRoles roles, ReportingWindow window)
{
    public ReportingMonth CheckMonth => window.DefaultMonth;

    public async Task<ProjectOutcome> OpenRegistrationAsync(UserIdentity user, Unit? unit, CancellationToken ct = default)
    {
        var (target, denied) = await ResolveAsync(user, unit, ct);
        if (denied is not null) return new ProjectOutcome.Denied(denied);
        return new ProjectOutcome.Form(new ProjectForm(target!, ProjectIds.New(), 0, new Dictionary<string, string>(),
            new Dictionary<string, string>(), null));
    }

    public async Task<ProjectOutcome> RegisterAsync(UserIdentity user, string? unitId, string? projectId, IReadOnlyDictionary<string, string?> raw,
        CancellationToken ct = default)
    {
        var unit = units.FindById(unitId);
        if (unit is null || !ProjectIds.IsValid(projectId)) return new ProjectOutcome.Denied(KeyProjectTexts.StaleForm);
        if (await DenyAsync(user, unit, ct) is { } denied) return new ProjectOutcome.Denied(denied + KeyProjectTexts.NotRegistered);
        var inputs = Inputs(raw, ProjectFields.Details);
        var details = validator.Details(raw);
        if (!details.IsValid)
            return new ProjectOutcome.Form(new ProjectForm(unit, projectId!, 0, inputs, details.Errors, KeyProjectTexts.FixAndResubmitRegistration));

        var outcome = await store.RegisterAsync(new ProjectRegistration(unit.Id, projectId!, details.Value!, ReportingMonth.Of(window.Today),
            user.Id, user.Name), ct);
        return outcome switch
        {
            ProjectSave.Saved s => Converted(await DoneAsync(user, s.Project, KeyProjectTexts.Registered(s.Project.Name), false, ct), details),
            // Only this form carries this id: the project exists because this form was submitted before.
            ProjectSave.Stale { Current: { } existing } => await DoneAsync(user, existing, KeyProjectTexts.RegisteredTwice, true, ct),
            ProjectSave.NameTaken => new ProjectOutcome.Form(new ProjectForm(unit, projectId!, 0, inputs,
                new Dictionary<string, string> { [ProjectFields.Name] = KeyProjectTexts.DuplicateName },
                KeyProjectTexts.NotRegistered)),
            _ => new ProjectOutcome.Denied(KeyProjectTexts.StaleForm),
        };
    }

    public async Task<ProjectOutcome> OpenEditAsync(UserIdentity user, string? unitId, string? projectId, CancellationToken ct = default)
    {
        var (project, unit, denied) = await LoadAsync(user, unitId, projectId, ct);
        if (denied is not null) return new ProjectOutcome.Denied(denied);
        return new ProjectOutcome.Form(new ProjectForm(unit!, project!.Id, project.Revision, InputsOf(project.Details),
            new Dictionary<string, string>(), null));
    }

    public async Task<ProjectOutcome> EditAsync(UserIdentity user, string? unitId, string? projectId, int? revision,
        IReadOnlyDictionary<string, string?> raw, CancellationToken ct = default)
    {
        if (revision is null or < 1) return new ProjectOutcome.Denied(KeyProjectTexts.StaleForm);
        var (project, unit, denied) = await LoadAsync(user, unitId, projectId, ct);
        if (denied is not null) return new ProjectOutcome.Denied(denied + KeyProjectTexts.NotSavedSuffix);
        var inputs = Inputs(raw, ProjectFields.Details);
        // The stage is not on the edit form: it moves only through the monthly progress.
        var withStage = new Dictionary<string, string?>(raw) { [ProjectFields.Stage] = project!.Stage };
        var details = validator.Details(withStage);
        if (!details.IsValid)
            return new ProjectOutcome.Form(new ProjectForm(unit!, project.Id, revision.Value, inputs, details.Errors, KeyProjectTexts.FixAndResubmit));
        if (project.LastUpdateMonth is not null && details.Value!.Kind != project.Details.Kind)
            return new ProjectOutcome.Form(new ProjectForm(unit!, project.Id, revision.Value, inputs, new Dictionary<string, string>
            {
                [ProjectFields.Kind] = KeyProjectTexts.KindLocked,
            }, KeyProjectTexts.NotSaved));
        if (!rules.ArrivedMayExceedTotal && details.Value!.TotalInvestment < project.ArrivedTotal)
            return new ProjectOutcome.Form(new ProjectForm(unit!, project.Id, revision.Value, inputs, new Dictionary<string, string>
            {
                [ProjectFields.TotalInvestment] = KeyProjectTexts.TotalBelowArrived(project.ArrivedTotal, rules.Kind(details.Value.Kind)!.Unit),
            }, KeyProjectTexts.NotSaved));

        var outcome = await store.EditAsync(unit!.Id, project.Id, revision.Value, details.Value!, user.Id, user.Name, ct);
        return outcome switch
        {
            ProjectSave.Saved s => Converted(await DoneAsync(user, s.Project, KeyProjectTexts.Edited(s.Project.Name), false, ct), details),
            ProjectSave.Stale { Current: { } current } when current.Details == details.Value! with { Stage = current.Stage } =>
                await DoneAsync(user, current, KeyProjectTexts.EditedTwice, true, ct),
            ProjectSave.Stale { Current: { } current } => new ProjectOutcome.Form(new ProjectForm(unit, current.Id, current.Revision, inputs,
                new Dictionary<string, string>(), KeyProjectTexts.ChangedMeanwhile(current.ChangedByName))),
            ProjectSave.NameTaken => new ProjectOutcome.Form(new ProjectForm(unit, project.Id, revision.Value, inputs,
                new Dictionary<string, string> { [ProjectFields.Name] = KeyProjectTexts.DuplicateNameOnEdit }, KeyProjectTexts.NotSaved)),
            _ => new ProjectOutcome.Denied(KeyProjectTexts.StaleForm),
        };
    }

    public async Task<ProjectOutcome> OpenProgressAsync(UserIdentity user, string? unitId, string? projectId, CancellationToken ct = default)
    {
        var (project, unit, denied) = await LoadAsync(user, unitId, projectId, ct);
        if (denied is not null) return new ProjectOutcome.Denied(denied);
        var month = CheckMonth;
        var saved = await store.GetUpdateAsync(unit!.Id, project!.Id, month, ct);
        var inputs = saved is null
            ? new Dictionary<string, string> { [ProjectFields.Stage] = project.Stage }
            : new Dictionary<string, string>
            {
                [ProjectFields.Stage] = saved.Stage, [ProjectFields.Arrived] = ProjectValidator.Format(saved.Arrived), [ProjectFields.Problems] = saved.Problems,
            };
        return new ProjectOutcome.Progress(ProgressFormOf(unit, project, inputs, new Dictionary<string, string>(),
            saved is null ? null : KeyProjectTexts.ProgressAlreadySaved(month, saved.ByName)));
    }

    /// <param name="monthKey">From the card: must be the month being checked now.</param>
    public async Task<ProjectOutcome> RecordProgressAsync(UserIdentity user, string? unitId, string? projectId, string? monthKey, int? revision,
        IReadOnlyDictionary<string, string?> raw, CancellationToken ct = default)
    {
        var month = ReportingMonth.TryParse(monthKey);
        if (revision is null or < 1 || month is null) return new ProjectOutcome.Denied(KeyProjectTexts.StaleForm);
        var (project, unit, denied) = await LoadAsync(user, unitId, projectId, ct);
        if (denied is not null) return new ProjectOutcome.Denied(denied + KeyProjectTexts.ProgressNotSavedSuffix);
        if (month != CheckMonth)
            return new ProjectOutcome.Denied(KeyProjectTexts.WrongMonth(CheckMonth, month.Value));
        var inputs = Inputs(raw, ProjectFields.Progress);
        var previous = await store.GetUpdateAsync(unit!.Id, project!.Id, month.Value, ct);
        var input = validator.Progress(project, raw, previous?.Arrived ?? 0);
        if (!input.IsValid)
            return new ProjectOutcome.Progress(ProgressFormOf(unit, project, inputs, input.Errors, KeyProjectTexts.FixAndResubmitProgress)
                with { Project = project with { Revision = revision.Value } });

        var outcome = await store.RecordProgressAsync(unit.Id, project.Id, revision.Value, month.Value, input.Value!, Late(month.Value),
            user.Id, user.Name, ct);
        switch (outcome)
        {
            case ProjectSave.Saved s:
                return Converted(await DoneAsync(user, s.Project, KeyProjectTexts.ProgressSaved(s.Project.Name, month.Value), false, ct), input);
            case ProjectSave.Stale { Current: { } current }:
                var stored = await store.GetUpdateAsync(unit.Id, current.Id, month.Value, ct);
                if (stored is not null && new ProgressInput(stored.Stage, stored.Arrived, stored.Problems) == input.Value)
                    return await DoneAsync(user, current, KeyProjectTexts.ProgressTwice, true, ct);
                return new ProjectOutcome.Progress(ProgressFormOf(unit, current, inputs, new Dictionary<string, string>(),
                    KeyProjectTexts.ProgressChangedMeanwhile(current.ChangedByName)));
            default:
                return new ProjectOutcome.Denied(KeyProjectTexts.StaleForm);
        }
    }

    /// <param name="level">key / major, or "none" to clear the mark. Anything else is refused.</param>
    public async Task<ProjectOutcome> MarkAsync(UserIdentity user, string? unitId, string? projectId, int? revision, string? level, CancellationToken ct = default)
    {
        if (!roles.IsAdmin(user)) return new ProjectOutcome.Denied(KeyProjectTexts.MarkAdminOnly);
        var newLevel = level == "none" ? "" : rules.Level(level)?.Id;
        if (revision is null or < 1 || newLevel is null) return new ProjectOutcome.Denied(KeyProjectTexts.ButtonInvalid);
        var (project, _, denied) = await LoadAsync(user, unitId, projectId, ct);
        if (denied is not null) return new ProjectOutcome.Denied(denied);
        var outcome = await store.MarkAsync(project!.UnitId, project.Id, revision.Value, newLevel, user.Id, user.Name, ct);
        return outcome switch
        {
            ProjectSave.Saved s => await DoneAsync(user, s.Project, newLevel.Length == 0
                ? KeyProjectTexts.Unmarked(s.Project.Name) : KeyProjectTexts.Marked(s.Project.Name, rules.LevelName(newLevel)), false, ct),
            ProjectSave.Stale { Current: { } current } when current.Level == newLevel =>
                await DoneAsync(user, current, KeyProjectTexts.MarkedTwice(current.Name, rules.LevelName(newLevel)), true, ct),
            ProjectSave.Stale { Current: { } current } =>
                await DoneAsync(user, current, KeyProjectTexts.MarkChangedMeanwhile, true, ct),
            _ => new ProjectOutcome.Denied(KeyProjectTexts.StaleForm),
        };
    }

    public async Task<ProjectOutcome> OpenFindingAsync(UserIdentity user, string? unitId, string? projectId, CancellationToken ct = default)
    {
        if (!roles.MayView(user)) return new ProjectOutcome.Denied(KeyProjectTexts.FindingAdminOnly);
        var (project, unit, denied) = await LoadAsync(user, unitId, projectId, ct, toRead: true);
        if (denied is not null) return new ProjectOutcome.Denied(denied);
        return new ProjectOutcome.Finding(new FindingForm(unit!, project!, ProjectIds.New(), new Dictionary<string, string>(),
            new Dictionary<string, string>(), null));
    }

    /// <summary>An admin records a problem a 上级 or 本级 check found (（二十六）); filed under the month being checked.</summary>
    public async Task<ProjectOutcome> RecordFindingAsync(UserIdentity user, string? unitId, string? projectId, string? findingId,
        IReadOnlyDictionary<string, string?> raw, CancellationToken ct = default)
    {
        if (!roles.MayView(user)) return new ProjectOutcome.Denied(KeyProjectTexts.FindingAdminOnly);
        if (!ProjectIds.IsValid(findingId)) return new ProjectOutcome.Denied(KeyProjectTexts.StaleForm);
        // A finding is added beside the project, never changing it: 督查 users record theirs (toRead lets them reach any unit).
        var (project, unit, denied) = await LoadAsync(user, unitId, projectId, ct, toRead: true);
        if (denied is not null) return new ProjectOutcome.Denied(denied);
        var input = validator.Finding(raw);
        if (!input.IsValid)
            return new ProjectOutcome.Finding(new FindingForm(unit!, project!, findingId!, Inputs(raw, ProjectFields.Finding), input.Errors,
                KeyProjectTexts.FixAndResubmit));
        var finding = new CheckFinding(unit!.Id, project!.Id, findingId!, CheckMonth, input.Value!.Source, input.Value.Text, user.Id, user.Name,
            default); // stamped by the store
        var added = await store.AddFindingAsync(finding, ct);
        return await DoneAsync(user, project, added ? KeyProjectTexts.FindingRecorded(finding.SourceName, CheckMonth) : KeyProjectTexts.FindingTwice,
            !added, ct);
    }

    /// <summary>整改完成 on a project's card: the form for the optional note. Admins and 督查 users only, checked here again.</summary>
    public async Task<ProjectOutcome> OpenRectifyAsync(UserIdentity user, string? unitId, string? projectId, string? findingId, int? revision,
        CancellationToken ct = default)
    {
        var (project, unit, finding, denied) = await LoadFindingAsync(user, unitId, projectId, findingId, ct);
        if (denied is not null) return new ProjectOutcome.Denied(denied);
        if (finding!.Revision != revision || !finding.IsOpen) return await StaleFindingAsync(user, project!, finding, rectify: true, ct);
        return new ProjectOutcome.Rectify(new RectifyForm(unit!, project!, finding, new Dictionary<string, string>(), new Dictionary<string, string>(), null));
    }

    /// <summary>Marks a finding 已整改 (区合作交流办设定), if it is still in the state the form showed; the project itself is untouched.</summary>
    public async Task<ProjectOutcome> RectifyAsync(UserIdentity user, string? unitId, string? projectId, string? findingId, int? revision,
        IReadOnlyDictionary<string, string?> raw, CancellationToken ct = default)
    {
        if (revision is null or < 0) return new ProjectOutcome.Denied(KeyProjectTexts.ButtonInvalid);
        var (project, unit, finding, denied) = await LoadFindingAsync(user, unitId, projectId, findingId, ct);
        if (denied is not null) return new ProjectOutcome.Denied(denied);
        var note = validator.RectificationNote(raw);
        if (!note.IsValid)
            return new ProjectOutcome.Rectify(new RectifyForm(unit!, project!, finding! with { Revision = revision.Value },
                Inputs(raw, ProjectFields.Rectification), note.Errors, KeyProjectTexts.FixAndResubmit));
        var saved = await store.SetFindingStateAsync(unit!.Id, project!.Id, finding!.Id, revision.Value,
            new FindingRectification(user.Id, user.Name, default, note.Value!), user.Id, user.Name, ct); // stamped by the store
        return saved switch
        {
            FindingSave.Saved s => await DoneAsync(user, project, KeyProjectTexts.Rectified(s.Finding.SourceName), false, ct),
            FindingSave.Stale s => await StaleFindingAsync(user, project, s.Current, rectify: true, ct),
            _ => new ProjectOutcome.Denied(KeyProjectTexts.FindingNotFound),
        };
    }

    /// <summary>重新打开: a finding marked 已整改 by mistake is open again; the earlier mark stays in its history.</summary>
    public async Task<ProjectOutcome> ReopenAsync(UserIdentity user, string? unitId, string? projectId, string? findingId, int? revision,
        CancellationToken ct = default)
    {
        if (revision is null or < 0) return new ProjectOutcome.Denied(KeyProjectTexts.ButtonInvalid);
        var (project, unit, finding, denied) = await LoadFindingAsync(user, unitId, projectId, findingId, ct);
        if (denied is not null) return new ProjectOutcome.Denied(denied);
        var saved = await store.SetFindingStateAsync(unit!.Id, project!.Id, finding!.Id, revision.Value, null, user.Id, user.Name, ct);
        return saved switch
        {
            FindingSave.Saved s => await DoneAsync(user, project, KeyProjectTexts.Reopened(s.Finding.SourceName), false, ct),
            FindingSave.Stale s => await StaleFindingAsync(user, project, s.Current, rectify: false, ct),
            _ => new ProjectOutcome.Denied(KeyProjectTexts.FindingNotFound),
        };
    }

    /// <summary>A press on a card older than the finding's state: nothing changes; the card shows the state as it is now.</summary>
    private async Task<ProjectOutcome> StaleFindingAsync(UserIdentity user, KeyProject project, CheckFinding current, bool rectify, CancellationToken ct)
    {
        var message = (rectify, current.Rectified) switch
        {
            (true, { } r) => KeyProjectTexts.AlreadyRectified(r.ByName, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.At, window.Zone).DateTime)),
            (false, null) => KeyProjectTexts.AlreadyOpen,
            _ => KeyProjectTexts.FindingChangedMeanwhile((await store.FindingChangesAsync(current.UnitId, current.ProjectId, current.Id, ct)).LastOrDefault()?.ByName),
        };
        return await DoneAsync(user, project, message, true, ct);
    }

    /// <summary>The finding a card names, looked up under the project and unit the server finds — never taken from the card.</summary>
    private async Task<(KeyProject? Project, Unit? Unit, CheckFinding? Finding, string? Denied)> LoadFindingAsync(UserIdentity user, string? unitId,
        string? projectId, string? findingId, CancellationToken ct)
    {
        if (!roles.MayView(user)) return (null, null, null, KeyProjectTexts.FindingStateAdminOnly);
        if (!ProjectIds.IsValid(findingId)) return (null, null, null, KeyProjectTexts.ButtonInvalid);
        var (project, unit, denied) = await LoadAsync(user, unitId, projectId, ct, toRead: true);
        if (denied is not null) return (null, null, null, denied);
        var finding = await store.GetFindingAsync(unit!.Id, project!.Id, findingId!, ct);
        return finding is null ? (null, null, null, KeyProjectTexts.FindingNotFound) : (project, unit, finding, null);
    }

    public async Task<ProjectOutcome> DetailAsync(UserIdentity user, string? unitId, string? projectId, CancellationToken ct = default)
    {
        // Reading: read-only 督查 users see every unit's projects, as admins do; changes below never take this path.
        var (project, _, denied) = await LoadAsync(user, unitId, projectId, ct, toRead: true);
        return denied is not null ? new ProjectOutcome.Denied(denied) : await DoneAsync(user, project!, "", false, ct);
    }

    public async Task<ProjectStatus> StatusAsync(KeyProject project, Unit unit, ReportingMonth month, CancellationToken ct = default) =>
        StatusOf(project, unit, month, await store.GetUpdateAsync(project.UnitId, project.Id, month, ct));

    public ProjectStatus StatusOf(KeyProject project, Unit unit, ReportingMonth month, ProgressUpdate? thisMonth) =>
        new(project, unit, month, thisMonth, ProjectProgress.IsStalled(project, month, rules), ProjectProgress.MonthsWithoutProgress(project, month),
            ProjectDates.Conflict(project, rules, window.Today));

    /// <summary>The unit a user acts for: the one named (admins), else their binding.</summary>
    public async Task<(Unit? Unit, string? Denied)> ResolveAsync(UserIdentity user, Unit? named, CancellationToken ct = default)
    {
        var isAdmin = roles.IsAdmin(user);
        var bound = await bindings.GetAsync(user.Id, ct);
        var unit = named ?? (bound is null ? null : units.FindById(bound.UnitId));
        if (unit is null)
            return (null, isAdmin ? KeyProjectTexts.AdminNamesUnit : ReadOnlyOr(user, KeyProjectTexts.NotBound));
        return (unit, ProjectAccess.Deny(isAdmin, bound?.UnitId, unit) is { } denied ? ReadOnlyOr(user, denied) : null);
    }

    private async Task<string?> DenyAsync(UserIdentity user, Unit unit, CancellationToken ct) =>
        ProjectAccess.Deny(roles.IsAdmin(user), (await bindings.GetAsync(user.Id, ct))?.UnitId, unit) is { } denied ? ReadOnlyOr(user, denied) : null;

    /// <summary>A 督查 user refused a change is told the role only reads, not to bind (they may still report for a unit they are bound to).</summary>
    private string ReadOnlyOr(UserIdentity user, string denied) => roles.IsSupervisor(user) ? KeyProjectTexts.SupervisorReadsOnly : denied;

    private async Task<(KeyProject? Project, Unit? Unit, string? Denied)> LoadAsync(UserIdentity user, string? unitId, string? projectId, CancellationToken ct,
        bool toRead = false)
    {
        var unit = units.FindById(unitId);
        if (unit is null || !ProjectIds.IsValid(projectId)) return (null, null, KeyProjectTexts.StaleForm);
        if (!(toRead && roles.IsSupervisor(user)) && await DenyAsync(user, unit, ct) is { } denied) return (null, unit, denied);
        var project = await store.GetAsync(unit.Id, projectId!, ct);
        return project is null ? (null, unit, KeyProjectTexts.ProjectNotFound) : (project, unit, null);
    }

    private async Task<ProjectOutcome> DoneAsync(UserIdentity user, KeyProject project, string message, bool repeated, CancellationToken ct)
    {
        var unit = units.FindById(project.UnitId)!;
        var updates = await store.UpdatesAsync(project.UnitId, project.Id, ct);
        var month = CheckMonth;
        var status = StatusOf(project, unit, month, updates.FirstOrDefault(u => u.Month == month));
        return new ProjectOutcome.Done(new ProjectDetail(status, updates, roles.IsAdmin(user))
        {
            Findings = await store.FindingsAsync(project.UnitId, project.Id, ct),
            ViewerChecks = roles.MayView(user),
            ViewerReadsOnly = roles.IsSupervisor(user) && (await bindings.GetAsync(user.Id, ct))?.UnitId != project.UnitId,
        }, message, repeated);
    }

    /// <summary>The saved card, with how amounts written with 亿/万 or separators were read.</summary>
    private static ProjectOutcome Converted<T>(ProjectOutcome outcome, Validated<T> validated) where T : class =>
        outcome is ProjectOutcome.Done done && validated.Conversions.Count > 0
            ? done with { Conversions = validated.Conversions.Select(c => $"{FieldName(c.Key)}：{c.Value}").ToList() }
            : outcome;

    private static string FieldName(string id) => id switch
    {
        ProjectFields.TotalInvestment => "计划总投资",
        ProjectFields.Arrived => "本月到位投资",
        _ => id,
    };

    private ProgressForm ProgressFormOf(Unit unit, KeyProject project, IReadOnlyDictionary<string, string> inputs,
        IReadOnlyDictionary<string, string> errors, string? notice)
    {
        var month = CheckMonth;
        return new ProgressForm(unit, project, month, window.Deadline(month), Late(month), inputs, errors, notice);
    }

    private bool Late(ReportingMonth month) => window.Today > window.Deadline(month);

    private static Dictionary<string, string> Inputs(IReadOnlyDictionary<string, string?> raw, IEnumerable<string> ids) =>
        ids.ToDictionary(id => id, id => raw.TryGetValue(id, out var v) ? (v ?? "").Trim() : "");

    private static Dictionary<string, string> InputsOf(ProjectDetails d) => new()
    {
        [ProjectFields.Name] = d.Name,
        [ProjectFields.Kind] = d.Kind,
        [ProjectFields.TotalInvestment] = ProjectValidator.Format(d.TotalInvestment),
        [ProjectFields.Chain] = d.Chain,
        [ProjectFields.Group] = d.CoordinationGroup,
        [ProjectFields.Stage] = d.Stage,
        [ProjectFields.ExpectedStart] = d.ExpectedStart?.ToString("yyyy-MM-dd") ?? "",
        [ProjectFields.ExpectedOperation] = d.ExpectedOperation?.ToString("yyyy-MM-dd") ?? "",
        [ProjectFields.Contact] = d.Contact,
        [ProjectFields.ContactPhone] = d.ContactPhone,
    };
}
