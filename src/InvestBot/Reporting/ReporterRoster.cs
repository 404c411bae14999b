using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using InvestBot.Access;
using InvestBot.Organization;
using InvestBot.Storage;

namespace InvestBot.Reporting;

/// <summary>A listed reporter not yet met in Teams: bound when the bot first sees someone with this sign-in name or mail.</summary>
public sealed record RosterEntry(string Address, string Name, string UnitId, string ImportedBy, DateTimeOffset ImportedAt);

/// <summary>Table "ReporterRoster": PartitionKey "roster", RowKey the lower-cased address. Taking an entry deletes it.</summary>
public sealed class RosterStore(ITableProvider tables)
{
    private const string Table = "ReporterRoster";
    private const string Partition = "roster";

    public async Task PutAsync(RosterEntry entry, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        await table.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Encode(entry.Address.ToLowerInvariant()))
        {
            ["Address"] = entry.Address, ["Name"] = entry.Name, ["UnitId"] = entry.UnitId,
            ["ImportedBy"] = entry.ImportedBy, ["ImportedAt"] = entry.ImportedAt,
        }, TableUpdateMode.Replace, ct);
    }

    /// <summary>Removes and returns the entry for the address, or null (none, or another instance took it first).</summary>
    public async Task<RosterEntry?> TakeAsync(string address, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var key = TableKeys.Encode(address.ToLowerInvariant());
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: ct);
        if (!e.HasValue) return null;
        try
        {
            await table.DeleteEntityAsync(Partition, key, e.Value!.ETag, ct);
        }
        catch (RequestFailedException x) when (x.Status is 404 or 412)
        {
            return null;
        }
        return FromEntity(e.Value!);
    }

    public async Task<IReadOnlyList<RosterEntry>> ListAsync(CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var list = new List<RosterEntry>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
            list.Add(FromEntity(e));
        return list;
    }

    private static RosterEntry FromEntity(TableEntity e) => new(e.GetString("Address") ?? "", e.GetString("Name") ?? "",
        e.GetString("UnitId") ?? "", e.GetString("ImportedBy") ?? "", e.GetDateTimeOffset("ImportedAt") ?? DateTimeOffset.MinValue);
}

/// <summary>What an import of a reporters' roster did: bound now, bound when first seen, and rows that could not be used.</summary>
public sealed record RosterImportResult(IReadOnlyList<(string Name, string Unit)> Bound, IReadOnlyList<(string Name, string Unit)> Pending,
    IReadOnlyList<(string Row, string Reason)> Unknown);

/// <summary>
/// 导入填报人: a table of 单位, 姓名, 邮箱/UPN. A listed person the bot already met (a chat's roster, a message) is bound at
/// once; the others when the bot first meets them in Teams (matched by sign-in name or mail, which Teams' member
/// information carries). Admin only, checked here.
/// </summary>
public sealed partial class ReporterRoster(RosterStore roster, PeopleDirectory people, IUnitBindingStore bindings, UnitDirectory units,
    UserRoles roles, TimeProvider time) : IPersonSeenListener
{
    public const int MaxRows = 500;

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]{1,190}$")]
    private static partial Regex Address();

    public async Task<RosterImportResult?> ImportAsync(UserIdentity admin, IReadOnlyList<IReadOnlyList<string?>> rows, CancellationToken ct)
    {
        if (!roles.IsAdmin(admin)) return null;
        var known = await people.ListAsync(ct);
        var bound = new List<(string, string)>();
        var pending = new List<(string, string)>();
        var unknown = new List<(string, string)>();
        var line = 0;
        foreach (var row in rows.Take(MaxRows + 1))
        {
            line++;
            var cells = row.Select(c => (c ?? "").Trim()).ToList();
            if (cells.All(c => c.Length == 0)) continue;
            if (line == 1 && cells.Any(c => c is "单位" or "姓名")) continue; // the header
            if (line > MaxRows) { unknown.Add(($"第 {line} 行起", $"一次最多导入 {MaxRows} 行")); break; }
            var unitText = cells.ElementAtOrDefault(0) ?? "";
            var name = cells.ElementAtOrDefault(1) ?? "";
            var address = cells.ElementAtOrDefault(2) ?? "";
            var unit = units.FindByName(unitText);
            if (unit is null || !unit.Reports || name.Length is 0 or > 40 || !Address().IsMatch(address))
            {
                unknown.Add(($"第 {line} 行（{Short(unitText)} {Short(name)} {Short(address)}）", unit is null ? "单位名称未找到"
                    : !unit.Reports ? $"{unit.Name}不参与月度填报" : name.Length == 0 ? "缺少姓名" : "邮箱/UPN 不正确"));
                continue;
            }
            if (known.FirstOrDefault(p => p.HasAddress(address)) is { } person)
            {
                await bindings.SetAsync(new UnitBinding(person.AadObjectId, person.Name, unit.Id, admin.Name ?? "管理员", time.GetUtcNow()), ct);
                bound.Add((person.Name, unit.Name));
            }
            else
            {
                await roster.PutAsync(new RosterEntry(address, name, unit.Id, admin.Name ?? "管理员", time.GetUtcNow()), ct);
                pending.Add((name, unit.Name));
            }
        }
        return new RosterImportResult(bound, pending, unknown);
    }

    /// <summary>A listed person met for the first time is bound; a bound person's name follows their Teams name.</summary>
    public async Task OnPersonSeenAsync(KnownPerson person, CancellationToken ct)
    {
        foreach (var address in new[] { person.Upn, person.Email }.Where(a => !string.IsNullOrEmpty(a)).Distinct(StringComparer.OrdinalIgnoreCase))
            if (await roster.TakeAsync(address!, ct) is { } entry && units.FindById(entry.UnitId) is { } unit)
            {
                await bindings.SetAsync(new UnitBinding(person.AadObjectId, person.Name, unit.Id, entry.ImportedBy, time.GetUtcNow()), ct);
                return;
            }
        if (await bindings.GetAsync(person.AadObjectId, ct) is { } binding && binding.UserName != person.Name)
            await bindings.SetAsync(binding with { UserName = person.Name }, ct);
    }

    private static string Short(string text) => text.Length > 30 ? text[..30] + "…" : text;
}
