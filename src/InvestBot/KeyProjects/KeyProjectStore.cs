using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using InvestBot.Reporting;
using InvestBot.Storage;

namespace InvestBot.KeyProjects;

/// <summary>A new project for the ledger. <paramref name="ProjectId"/> is minted when the form is shown, so a replayed
/// registration finds its project instead of creating a second one.</summary>
public sealed record ProjectRegistration(string UnitId, string ProjectId, ProjectDetails Details, ReportingMonth RegisteredMonth,
    string By, string? ByName);

public abstract record ProjectSave
{
    public sealed record Saved(KeyProject Project) : ProjectSave;
    /// <summary>The project changed since the form was shown (a replay, a second press, someone else): nothing was written.</summary>
    public sealed record Stale(KeyProject? Current) : ProjectSave;
    /// <summary>Another project of the unit already has this name: nothing was written.</summary>
    public sealed record NameTaken(KeyProject? Other) : ProjectSave;
    public sealed record NotFound : ProjectSave;
}

public abstract record FindingSave
{
    public sealed record Saved(CheckFinding Finding) : FindingSave;
    /// <summary>The finding's state changed since the card was shown (a second press, someone else): nothing was written.</summary>
    public sealed record Stale(CheckFinding Current) : FindingSave;
    public sealed record NotFound : FindingSave;
}

/// <summary>
/// Table "KeyProjects" (重点项目台账). PartitionKey = unit id, so everything about one unit's projects can change in one
/// atomic transaction. Rows (RowType):
///  - project: RowKey "p~{projectId}", the current state, replaced only with If-Match on its ETag (added the first time);
///  - update: RowKey "p~{projectId}~m~{2023-03}", the month's progress (a correction replaces it, with its ETag);
///  - revision: RowKey "p~{projectId}~rev~{000001}", history, only ever added;
///  - name: RowKey "n~{base64url(name)}", so two projects of one unit cannot take the same name, even concurrently;
///  - finding: RowKey "p~{projectId}~f~{findingId}", a problem found by a 上级/本级 check, recorded by an admin (the id is
///    minted when the form is shown, so a replayed press adds nothing); never deleted, only its 整改 state is replaced, with
///    If-Match on its ETag;
///  - findingState: RowKey "p~{projectId}~f~{findingId}~rev~{000001}", each 整改 / 重新打开 of a finding, only ever added.
/// Every change writes the project row, its history row and what else it touches in one transaction: a replayed or
/// concurrent change fails as a whole, so there is never a lost update or half a change.
/// </summary>
public sealed class KeyProjectStore(ITableProvider tables, KeyProjectRules rules, TimeProvider time)
{
    public const string Table = "KeyProjects";
    private const string ProjectRow = "project";
    private const string UpdateRow = "update";
    private const string RevisionRow = "revision";
    private const string NameRow = "name";
    private const string FindingRow = "finding";
    private const string FindingStateRow = "findingState";

    public async Task<KeyProject?> GetAsync(string unitId, string projectId, CancellationToken ct = default) =>
        (await GetEntityAsync(unitId, projectId, ct)) is { } e ? ToProject(e) : null;

    /// <summary>One unit's projects, oldest first.</summary>
    public async Task<IReadOnlyList<KeyProject>> ListUnitAsync(string unitId, CancellationToken ct = default) =>
        (await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Require(unitId)} and RowType eq {ProjectRow}"), ToProject, ct))
        .OrderBy(p => p.CreatedAt).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();

    /// <summary>Every unit's projects (the ledger is small: hundreds of rows, one query).</summary>
    public async Task<IReadOnlyList<KeyProject>> ListAllAsync(CancellationToken ct = default) =>
        (await QueryAsync(TableClient.CreateQueryFilter($"RowType eq {ProjectRow}"), ToProject, ct)).OrderBy(p => p.CreatedAt).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<ProgressUpdate>> UpdatesAsync(string unitId, string projectId, CancellationToken ct = default) =>
        (await QueryAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Require(unitId)} and ProjectId eq {projectId} and RowType eq {UpdateRow}"), ToUpdate, ct))
        .OrderBy(u => u.Month).ToList();

    /// <summary>Every project's updates for the months from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<ProgressUpdate>> ListUpdatesAsync(ReportingMonth from, ReportingMonth to, CancellationToken ct = default) =>
        (await QueryAsync(TableClient.CreateQueryFilter(
            $"RowType eq {UpdateRow} and Month ge {from.Key} and Month le {to.Key}"), ToUpdate, ct)).OrderBy(u => u.Month).ToList();

    public async Task<IReadOnlyList<ProjectRevision>> HistoryAsync(string unitId, string projectId, CancellationToken ct = default) =>
        (await QueryAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Require(unitId)} and ProjectId eq {projectId} and RowType eq {RevisionRow}"), ToRevision, ct))
        .OrderBy(r => r.Revision).ToList();

    /// <summary>Adds a check finding; false when a finding with this id is already there (a replayed press).</summary>
    public async Task<bool> AddFindingAsync(CheckFinding f, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        try
        {
            await table.AddEntityAsync(ToEntity(f with { At = time.GetUtcNow() }), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<CheckFinding>> FindingsAsync(string unitId, string projectId, CancellationToken ct = default) =>
        (await QueryAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Require(unitId)} and ProjectId eq {projectId} and RowType eq {FindingRow}"), ToFinding, ct))
        .OrderBy(f => f.At).ToList();

    /// <summary>Every project's check findings filed under the months from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<CheckFinding>> ListFindingsAsync(ReportingMonth from, ReportingMonth to, CancellationToken ct = default) =>
        (await QueryAsync(TableClient.CreateQueryFilter(
            $"RowType eq {FindingRow} and Month ge {from.Key} and Month le {to.Key}"), ToFinding, ct)).OrderBy(f => f.At).ToList();

    public async Task<CheckFinding?> GetFindingAsync(string unitId, string projectId, string findingId, CancellationToken ct = default) =>
        await GetFindingEntityAsync(unitId, projectId, findingId, ct) is { } e ? ToFinding(e) : null;

    /// <summary>
    /// Marks the finding 已整改 (<paramref name="rectified"/> given) or reopens it (null), if its state is still
    /// <paramref name="expectedRevision"/>: the finding row is replaced with If-Match on its ETag and the change added as a
    /// history row, in one transaction, so a second press or a concurrent change writes nothing.
    /// </summary>
    public async Task<FindingSave> SetFindingStateAsync(string unitId, string projectId, string findingId, int expectedRevision,
        FindingRectification? rectified, string by, string? byName, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var entity = await GetFindingEntityAsync(unitId, projectId, findingId, ct);
        if (entity is null) return new FindingSave.NotFound();
        var before = ToFinding(entity);
        if (before.Revision != expectedRevision || before.IsOpen == (rectified is null)) return new FindingSave.Stale(before);
        var now = time.GetUtcNow();
        var after = before with { Revision = before.Revision + 1, Rectified = rectified is null ? null : rectified with { At = now } };
        var change = new FindingStateChange(findingId, after.Revision, rectified is not null, rectified?.Note ?? "", by, byName, now);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ToEntity(after), entity.ETag),
            new(TableTransactionActionType.Add, ToEntity(after, change)),
        };
        if (await RevisionedRows.TrySubmitAsync(table, actions, ct)) return new FindingSave.Saved(after);
        return await GetFindingAsync(unitId, projectId, findingId, ct) is { } current ? new FindingSave.Stale(current) : new FindingSave.NotFound();
    }

    /// <summary>Every 整改 / 重新打开 of a finding, oldest first.</summary>
    public async Task<IReadOnlyList<FindingStateChange>> FindingChangesAsync(string unitId, string projectId, string findingId, CancellationToken ct = default)
    {
        var prefix = RevisionedRows.HistoryPrefix(FindingKey(projectId, findingId));
        return (await QueryAsync(TableClient.CreateQueryFilter(
                $"PartitionKey eq {TableKeys.Require(unitId)} and RowKey gt {prefix} and RowKey lt {prefix + "~"} and RowType eq {FindingStateRow}"),
                ToFindingChange, ct)).OrderBy(c => c.Revision).ToList();
    }

    private async Task<TableEntity?> GetFindingEntityAsync(string unitId, string projectId, string findingId, CancellationToken ct)
    {
        if (!ProjectIds.IsValid(projectId) || !ProjectIds.IsValid(findingId)) return null;
        var table = await tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Require(unitId), FindingKey(projectId, findingId), cancellationToken: ct);
        return e.HasValue && e.Value!.GetString("RowType") == FindingRow ? e.Value : null;
    }

    public async Task<ProjectSave> RegisterAsync(ProjectRegistration r, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var now = time.GetUtcNow();
        var project = new KeyProject(r.UnitId, r.ProjectId, r.Details, Level: "", Revision: 1, ArrivedTotal: 0, r.RegisteredMonth,
            LastUpdateMonth: null, LastProgressMonth: r.RegisteredMonth, Problems: "", r.By, r.ByName, now, r.By, r.ByName, now);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, ToEntity(project)),
            new(TableTransactionActionType.Add, NameEntity(project)),
            new(TableTransactionActionType.Add, RevisionEntity(project, ProjectChange.Registered, null, null)),
        };
        if (await RevisionedRows.TrySubmitAsync(table, actions, ct)) return new ProjectSave.Saved(project);
        // A replay finds its own project; otherwise the name was taken (perhaps a moment ago by a concurrent registration).
        if (await GetAsync(r.UnitId, r.ProjectId, ct) is { } existing) return new ProjectSave.Stale(existing);
        return new ProjectSave.NameTaken(await OwnerOfNameAsync(table, r.UnitId, r.Details.Name, ct));
    }

    /// <summary>Changes what the reporter entered (the stage moves only through progress updates).</summary>
    public Task<ProjectSave> EditAsync(string unitId, string projectId, int expectedRevision, ProjectDetails details, string by, string? byName,
        CancellationToken ct = default) =>
        ChangeAsync(unitId, projectId, expectedRevision, ProjectChange.Edited, null, by, byName, async (table, before) =>
        {
            var after = before with { Details = details with { Stage = before.Stage } };
            var extra = new List<TableTransactionAction>();
            if (NameKey(before.Name) != NameKey(details.Name))
            {
                // The project row's ETag guards the change, so the old index row can go unconditionally (if it is there).
                var old = await table.GetEntityIfExistsAsync<TableEntity>(unitId, NameKey(before.Name), cancellationToken: ct);
                if (old.HasValue) extra.Add(new(TableTransactionActionType.Delete, old.Value!, ETag.All));
                extra.Add(new(TableTransactionActionType.Add, NameEntity(after)));
            }
            return (after, extra);
        }, ct);

    /// <summary>An admin marks the project 重点 or 重大 (or clears the mark with an empty level).</summary>
    public Task<ProjectSave> MarkAsync(string unitId, string projectId, int expectedRevision, string level, string by, string? byName,
        CancellationToken ct = default) =>
        ChangeAsync(unitId, projectId, expectedRevision, ProjectChange.Marked, null, by, byName,
            (_, before) => Task.FromResult((before with { Level = level }, new List<TableTransactionAction>())), ct);

    /// <summary>The month's progress: saved as the month's update row (a correction replaces it), totals recomputed.</summary>
    public Task<ProjectSave> RecordProgressAsync(string unitId, string projectId, int expectedRevision, ReportingMonth month, ProgressInput input,
        bool late, string by, string? byName, CancellationToken ct = default) =>
        ChangeAsync(unitId, projectId, expectedRevision, ProjectChange.Progress, month, by, byName, async (table, before) =>
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(unitId, UpdateKey(projectId, month), cancellationToken: ct);
            var previous = existing.HasValue ? ToUpdate(existing.Value!) : null;
            var update = new ProgressUpdate(unitId, projectId, month, previous?.StageBefore ?? before.Stage, input.Stage, input.Arrived,
                input.Problems, previous?.Late ?? late, by, byName, time.GetUtcNow());
            var others = (await UpdatesAsync(unitId, projectId, ct)).Where(u => u.Month != month);
            var after = ProjectProgress.Summarize(before, others.Append(update).ToList(), rules);
            var entity = ToEntity(update);
            return (after, new List<TableTransactionAction>
            {
                existing.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, entity, existing.Value!.ETag)
                    : new(TableTransactionActionType.Add, entity),
            });
        }, ct);

    public async Task<ProgressUpdate?> GetUpdateAsync(string unitId, string projectId, ReportingMonth month, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Require(unitId), UpdateKey(projectId, month), cancellationToken: ct);
        return e.HasValue ? ToUpdate(e.Value!) : null;
    }

    private async Task<ProjectSave> ChangeAsync(string unitId, string projectId, int expectedRevision, ProjectChange change, ReportingMonth? month,
        string by, string? byName, Func<TableClient, KeyProject, Task<(KeyProject After, List<TableTransactionAction> Extra)>> apply,
        CancellationToken ct)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var entity = await GetEntityAsync(unitId, projectId, ct);
        if (entity is null) return new ProjectSave.NotFound();
        var before = ToProject(entity);
        if (before.Revision != expectedRevision) return new ProjectSave.Stale(before);
        var (changed, extra) = await apply(table, before);
        var after = changed with { Revision = before.Revision + 1, ChangedBy = by, ChangedByName = byName, ChangedAt = time.GetUtcNow() };
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, ToEntity(after), entity.ETag) };
        actions.AddRange(extra);
        actions.Add(new(TableTransactionActionType.Add, RevisionEntity(after, change, month, before)));
        if (await RevisionedRows.TrySubmitAsync(table, actions, ct)) return new ProjectSave.Saved(after);
        var current = await GetAsync(unitId, projectId, ct);
        if (current is not null && current.Revision == before.Revision && NameKey(after.Name) != NameKey(before.Name))
            return new ProjectSave.NameTaken(await OwnerOfNameAsync(table, unitId, after.Name, ct));
        return new ProjectSave.Stale(current);
    }

    private async Task<TableEntity?> GetEntityAsync(string unitId, string projectId, CancellationToken ct)
    {
        if (!ProjectIds.IsValid(projectId)) return null;
        var table = await tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Require(unitId), ProjectKey(projectId), cancellationToken: ct);
        return e.HasValue ? e.Value : null;
    }

    private async Task<KeyProject?> OwnerOfNameAsync(TableClient table, string unitId, string name, CancellationToken ct)
    {
        var e = await table.GetEntityIfExistsAsync<TableEntity>(unitId, NameKey(name), cancellationToken: ct);
        return e.HasValue && e.Value!.GetString("ProjectId") is { } id ? await GetAsync(unitId, id, ct) : null;
    }

    private async Task<List<T>> QueryAsync<T>(string filter, Func<TableEntity, T> map, CancellationToken ct)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var list = new List<T>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            list.Add(map(e));
        return list;
    }

    private static string ProjectKey(string projectId) => "p~" + ProjectIds.Require(projectId);
    private static string UpdateKey(string projectId, ReportingMonth month) => ProjectKey(projectId) + "~m~" + month.Key;
    private static string RevisionKey(string projectId, int revision) => RevisionedRows.HistoryKey(ProjectKey(projectId), revision);
    private static string FindingKey(string projectId, string findingId) => ProjectKey(projectId) + "~f~" + ProjectIds.Require(findingId);

    /// <summary>Names compare without whitespace, so “某某 项目” and “某某项目” are the same project.</summary>
    public static string NameKey(string name) => "n~" + TableKeys.Encode(string.Concat(name.Where(c => !char.IsWhiteSpace(c))));

    private static string Amount(decimal d) => d.ToString(CultureInfo.InvariantCulture);
    private static decimal Amount(string? s) => decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0;
    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static DateOnly? Day(string? s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static TableEntity ToEntity(KeyProject p) => new(TableKeys.Require(p.UnitId), ProjectKey(p.Id))
    {
        ["RowType"] = ProjectRow,
        ["UnitId"] = p.UnitId,
        ["ProjectId"] = p.Id,
        ["Name"] = p.Details.Name,
        ["Kind"] = p.Details.Kind,
        ["TotalInvestment"] = Amount(p.Details.TotalInvestment),
        ["Chain"] = p.Details.Chain,
        ["Stage"] = p.Details.Stage,
        ["ExpectedStart"] = Day(p.Details.ExpectedStart),
        ["ExpectedOperation"] = Day(p.Details.ExpectedOperation),
        ["Contact"] = p.Details.Contact,
        ["ContactPhone"] = p.Details.ContactPhone,
        ["CoordinationGroup"] = p.Details.CoordinationGroup,
        ["Level"] = p.Level,
        ["Revision"] = p.Revision,
        ["ArrivedTotal"] = Amount(p.ArrivedTotal),
        ["RegisteredMonth"] = p.RegisteredMonth.Key,
        ["LastUpdateMonth"] = p.LastUpdateMonth?.Key,
        ["LastProgressMonth"] = p.LastProgressMonth.Key,
        ["Problems"] = p.Problems,
        ["CreatedBy"] = p.CreatedBy,
        ["CreatedByName"] = p.CreatedByName,
        ["CreatedAt"] = p.CreatedAt,
        ["ChangedBy"] = p.ChangedBy,
        ["ChangedByName"] = p.ChangedByName,
        ["ChangedAt"] = p.ChangedAt,
    };

    private static KeyProject ToProject(TableEntity e) => new(
        e.GetString("UnitId"),
        e.GetString("ProjectId"),
        new ProjectDetails(e.GetString("Name") ?? "", e.GetString("Kind") ?? "", Amount(e.GetString("TotalInvestment")), e.GetString("Chain") ?? "",
            e.GetString("Stage") ?? "", Day(e.GetString("ExpectedStart")), Day(e.GetString("ExpectedOperation")), e.GetString("Contact") ?? "",
            e.GetString("ContactPhone") ?? "", e.GetString("CoordinationGroup") ?? ""),
        e.GetString("Level") ?? "",
        e.GetInt32("Revision") ?? 0,
        Amount(e.GetString("ArrivedTotal")),
        ReportingMonth.TryParse(e.GetString("RegisteredMonth")) ?? default,
        ReportingMonth.TryParse(e.GetString("LastUpdateMonth")),
        ReportingMonth.TryParse(e.GetString("LastProgressMonth")) ?? default,
        e.GetString("Problems") ?? "",
        e.GetString("CreatedBy") ?? "",
        e.GetString("CreatedByName"),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("ChangedBy") ?? "",
        e.GetString("ChangedByName"),
        e.GetDateTimeOffset("ChangedAt") ?? DateTimeOffset.MinValue);

    private static TableEntity NameEntity(KeyProject p) => new(TableKeys.Require(p.UnitId), NameKey(p.Name))
    {
        ["RowType"] = NameRow,
        ["ProjectId"] = p.Id,
    };

    private static TableEntity ToEntity(ProgressUpdate u) => new(TableKeys.Require(u.UnitId), UpdateKey(u.ProjectId, u.Month))
    {
        ["RowType"] = UpdateRow,
        ["UnitId"] = u.UnitId,
        ["ProjectId"] = u.ProjectId,
        ["Month"] = u.Month.Key,
        ["StageBefore"] = u.StageBefore,
        ["Stage"] = u.Stage,
        ["Arrived"] = Amount(u.Arrived),
        ["Problems"] = u.Problems,
        ["Late"] = u.Late,
        ["By"] = u.By,
        ["ByName"] = u.ByName,
        ["At"] = u.At,
    };

    private static ProgressUpdate ToUpdate(TableEntity e) => new(
        e.GetString("UnitId"),
        e.GetString("ProjectId"),
        ReportingMonth.TryParse(e.GetString("Month")) ?? default,
        e.GetString("StageBefore") ?? "",
        e.GetString("Stage") ?? "",
        Amount(e.GetString("Arrived")),
        e.GetString("Problems") ?? "",
        e.GetBoolean("Late") ?? false,
        e.GetString("By") ?? "",
        e.GetString("ByName"),
        e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue);

    private static TableEntity ToEntity(CheckFinding f) =>
        new(TableKeys.Require(f.UnitId), FindingKey(f.ProjectId, f.Id))
        {
            ["RowType"] = FindingRow,
            ["UnitId"] = f.UnitId,
            ["ProjectId"] = f.ProjectId,
            ["FindingId"] = f.Id,
            ["Month"] = f.Month.Key,
            ["Source"] = f.Source,
            ["Text"] = f.Text,
            ["By"] = f.By,
            ["ByName"] = f.ByName,
            ["At"] = f.At,
            ["StateRevision"] = f.Revision,
            ["RectifiedBy"] = f.Rectified?.By,
            ["RectifiedByName"] = f.Rectified?.ByName,
            ["RectifiedAt"] = f.Rectified?.At,
            ["RectifiedNote"] = f.Rectified?.Note,
        };

    /// <summary>A row stored before 整改 existed has none of the state columns: it reads as 未整改, revision 0.</summary>
    private static CheckFinding ToFinding(TableEntity e) => new(
        e.GetString("UnitId"),
        e.GetString("ProjectId"),
        e.GetString("FindingId") ?? "",
        ReportingMonth.TryParse(e.GetString("Month")) ?? default,
        e.GetString("Source") ?? "",
        e.GetString("Text") ?? "",
        e.GetString("By") ?? "",
        e.GetString("ByName"),
        e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue)
    {
        Revision = e.GetInt32("StateRevision") ?? 0,
        Rectified = e.GetDateTimeOffset("RectifiedAt") is { } at
            ? new FindingRectification(e.GetString("RectifiedBy") ?? "", e.GetString("RectifiedByName"), at, e.GetString("RectifiedNote") ?? "")
            : null,
    };

    private static TableEntity ToEntity(CheckFinding f, FindingStateChange c) =>
        new(TableKeys.Require(f.UnitId), RevisionedRows.HistoryKey(FindingKey(f.ProjectId, f.Id), c.Revision))
        {
            ["RowType"] = FindingStateRow,
            ["UnitId"] = f.UnitId,
            ["ProjectId"] = f.ProjectId,
            ["FindingId"] = f.Id,
            ["StateRevision"] = c.Revision,
            ["Rectified"] = c.Rectified,
            ["Note"] = c.Note,
            ["By"] = c.By,
            ["ByName"] = c.ByName,
            ["At"] = c.At,
        };

    private static FindingStateChange ToFindingChange(TableEntity e) => new(
        e.GetString("FindingId") ?? "",
        e.GetInt32("StateRevision") ?? 0,
        e.GetBoolean("Rectified") ?? false,
        e.GetString("Note") ?? "",
        e.GetString("By") ?? "",
        e.GetString("ByName"),
        e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue);

    private static TableEntity RevisionEntity(KeyProject after, ProjectChange change, ReportingMonth? month, KeyProject? before) =>
        new(TableKeys.Require(after.UnitId), RevisionKey(after.Id, after.Revision))
        {
            ["RowType"] = RevisionRow,
            ["UnitId"] = after.UnitId,
            ["ProjectId"] = after.Id,
            ["Revision"] = after.Revision,
            ["Change"] = change.ToString(),
            ["Month"] = month?.Key,
            ["Before"] = before is null ? null : Snapshot(before),
            ["After"] = Snapshot(after),
            ["By"] = after.ChangedBy,
            ["ByName"] = after.ChangedByName,
            ["At"] = after.ChangedAt,
        };

    private static ProjectRevision ToRevision(TableEntity e) => new(
        e.GetString("UnitId"),
        e.GetString("ProjectId"),
        e.GetInt32("Revision") ?? 0,
        Enum.TryParse<ProjectChange>(e.GetString("Change"), out var c) ? c : ProjectChange.Edited,
        ReportingMonth.TryParse(e.GetString("Month")),
        e.GetString("Before"),
        e.GetString("After") ?? "",
        e.GetString("By") ?? "",
        e.GetString("ByName"),
        e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue);

    /// <summary>The project's state as JSON for the history (months as keys: ReportingMonth's own properties recurse).</summary>
    private static string Snapshot(KeyProject p) => JsonSerializer.Serialize(new
    {
        p.Details.Name, p.Details.Kind, p.Details.TotalInvestment, p.Details.Chain, p.Details.Stage,
        ExpectedStart = Day(p.Details.ExpectedStart), ExpectedOperation = Day(p.Details.ExpectedOperation),
        p.Details.Contact, p.Details.ContactPhone, p.Details.CoordinationGroup, p.Level, p.ArrivedTotal, p.Problems,
        LastUpdateMonth = p.LastUpdateMonth?.Key, LastProgressMonth = p.LastProgressMonth.Key,
    }, SnapshotJson);

    private static readonly JsonSerializerOptions SnapshotJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>Project ids: "kp" + 12 hex digits, minted by the server; anything else from a card is not a project.</summary>
public static partial class ProjectIds
{
    public static string New() => "kp" + Guid.NewGuid().ToString("N")[..12];

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static string Require(string id) => IsValid(id) ? id : throw new ArgumentException($"Invalid project id '{id}'.", nameof(id));

    [System.Text.RegularExpressions.GeneratedRegex("^kp[0-9a-f]{12}$")]
    private static partial System.Text.RegularExpressions.Regex Pattern();
}
