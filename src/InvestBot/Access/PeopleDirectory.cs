using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Access;

/// <summary>A person the bot has met in Teams: their AAD object id, display name and, when Teams told us, their sign-in name
/// (UPN) and mail — what an office's roster lists.</summary>
public sealed record KnownPerson(string AadObjectId, string Name, string? Upn, string? Email)
{
    /// <summary>True when <paramref name="address"/> is this person's UPN or mail (case does not matter).</summary>
    public bool HasAddress(string address) =>
        string.Equals(Upn, address, StringComparison.OrdinalIgnoreCase) || string.Equals(Email, address, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The names of the people the bot has met (their messages, the rosters of chats it was added to), so staff read names,
/// never AAD object ids. One row per person; a later sighting with less detail (no UPN) keeps what was known.
/// </summary>
public sealed class PeopleDirectory(ITableProvider tables)
{
    private const string Table = "People";
    private const string Partition = "person";

    public async Task<KnownPerson?> GetAsync(string aadObjectId, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Encode(aadObjectId.ToLowerInvariant()), cancellationToken: ct);
        return e.HasValue ? FromEntity(e.Value!) : null;
    }

    public async Task PutAsync(KnownPerson person, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var entity = new TableEntity(Partition, TableKeys.Encode(person.AadObjectId.ToLowerInvariant()))
        {
            ["AadObjectId"] = person.AadObjectId.ToLowerInvariant(),
            ["Name"] = person.Name,
        };
        if (person.Upn is not null) entity["Upn"] = person.Upn;
        if (person.Email is not null) entity["Email"] = person.Email;
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, ct);
    }

    public async Task<IReadOnlyList<KnownPerson>> ListAsync(CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var list = new List<KnownPerson>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
            list.Add(FromEntity(e));
        return list;
    }

    private static KnownPerson FromEntity(TableEntity e) =>
        new(e.GetString("AadObjectId") ?? "", e.GetString("Name") ?? "", e.GetString("Upn"), e.GetString("Email"));
}

/// <summary>Told when the bot meets a person it did not know under this name (a capability may bind them, or learn their name).</summary>
public interface IPersonSeenListener
{
    Task OnPersonSeenAsync(KnownPerson person, CancellationToken ct);
}
