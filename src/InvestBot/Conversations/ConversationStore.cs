using Azure;
using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Conversations;

/// <summary>The installation store: one row per conversation the bot is (or was) installed in.</summary>
public interface IConversationStore
{
    /// <summary>
    /// Saves or refreshes the conversation; returns true when it is new or had been removed (a fresh install). Atomic:
    /// of any number of concurrent calls for one conversation, exactly one returns true.
    /// </summary>
    Task<bool> UpsertAsync(ConversationRecord record, CancellationToken ct = default);
    Task MarkRemovedAsync(string conversationId, CancellationToken ct = default);
    Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken ct = default);
    Task<ConversationRecord?> FindPersonalChatAsync(string userAadObjectId, CancellationToken ct = default);
    Task<IReadOnlyList<ConversationRecord>> ListAsync(bool includeRemoved = false, CancellationToken ct = default);
}

public sealed class TableConversationStore(ITableProvider tables, TimeProvider time) : IConversationStore
{
    private const string Table = "Conversations";
    private const string Partition = "conversation";

    public async Task<bool> UpsertAsync(ConversationRecord record, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var key = TableKeys.Encode(record.ConversationId);
        var entity = ToEntity(record with { Removed = false, UpdatedAt = time.GetUtcNow() }, key);
        // Teams sends installationUpdate and conversationUpdate together on install, in either order, often at once:
        // "fresh" must be decided by the storage, atomically, so exactly one of them welcomes.
        while (true)
        {
            try
            {
                await table.AddEntityAsync(entity, ct); // insert-if-absent: only one writer can create the row
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: ct);
            if (!existing.HasValue) continue; // gone again in between: try the insert once more
            var wasRemoved = existing.Value!.GetBoolean(nameof(ConversationRecord.Removed)) == true;
            try
            {
                // Conditional on the row we read: of two events re-adding a removed conversation only one gets through,
                // and a removal in between is not silently undone. Merge: a later event with less detail (no team name,
                // say) must not erase what we knew.
                await table.UpdateEntityAsync(entity, existing.Value.ETag, TableUpdateMode.Merge, ct);
                return wasRemoved;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Someone changed the row since we read it (the other install event, or a removal): look again.
            }
        }
    }

    public async Task MarkRemovedAsync(string conversationId, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var entity = new TableEntity(Partition, TableKeys.Encode(conversationId))
        {
            [nameof(ConversationRecord.Removed)] = true,
            [nameof(ConversationRecord.UpdatedAt)] = time.GetUtcNow(),
        };
        try
        {
            await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Never saw it installed: nothing to mark.
        }
    }

    public async Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Encode(conversationId), cancellationToken: ct);
        return e.HasValue ? FromEntity(e.Value!) : null;
    }

    public async Task<ConversationRecord?> FindPersonalChatAsync(string userAadObjectId, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and UserAadObjectId eq {userAadObjectId} and ConversationType eq {"personal"}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            var r = FromEntity(e);
            if (!r.Removed) return r;
        }
        return null;
    }

    public async Task<IReadOnlyList<ConversationRecord>> ListAsync(bool includeRemoved = false, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(Table, ct);
        var list = new List<ConversationRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            var r = FromEntity(e);
            if (includeRemoved || !r.Removed) list.Add(r);
        }
        return list;
    }

    private static TableEntity ToEntity(ConversationRecord r, string key)
    {
        var e = new TableEntity(Partition, key)
        {
            [nameof(r.ConversationId)] = r.ConversationId,
            [nameof(r.ConversationType)] = r.ConversationType,
            [nameof(r.ServiceUrl)] = r.ServiceUrl,
            [nameof(r.ChannelId)] = r.ChannelId,
            [nameof(r.Removed)] = r.Removed,
            [nameof(r.UpdatedAt)] = r.UpdatedAt,
        };
        // Only set what we know, so Merge keeps earlier details.
        void Opt(string name, string? value) { if (!string.IsNullOrEmpty(value)) e[name] = value; }
        Opt(nameof(r.TenantId), r.TenantId);
        Opt(nameof(r.BotId), r.BotId);
        Opt(nameof(r.BotName), r.BotName);
        Opt(nameof(r.TeamId), r.TeamId);
        Opt(nameof(r.TeamName), r.TeamName);
        Opt(nameof(r.TeamsChannelId), r.TeamsChannelId);
        Opt(nameof(r.Title), r.Title);
        Opt(nameof(r.UserId), r.UserId);
        Opt(nameof(r.UserAadObjectId), r.UserAadObjectId);
        Opt(nameof(r.UserName), r.UserName);
        return e;
    }

    private static ConversationRecord FromEntity(TableEntity e) => new()
    {
        ConversationId = e.GetString(nameof(ConversationRecord.ConversationId)),
        ConversationType = e.GetString(nameof(ConversationRecord.ConversationType)),
        ServiceUrl = e.GetString(nameof(ConversationRecord.ServiceUrl)),
        ChannelId = e.GetString(nameof(ConversationRecord.ChannelId)),
        TenantId = e.GetString(nameof(ConversationRecord.TenantId)),
        BotId = e.GetString(nameof(ConversationRecord.BotId)),
        BotName = e.GetString(nameof(ConversationRecord.BotName)),
        TeamId = e.GetString(nameof(ConversationRecord.TeamId)),
        TeamName = e.GetString(nameof(ConversationRecord.TeamName)),
        TeamsChannelId = e.GetString(nameof(ConversationRecord.TeamsChannelId)),
        Title = e.GetString(nameof(ConversationRecord.Title)),
        UserId = e.GetString(nameof(ConversationRecord.UserId)),
        UserAadObjectId = e.GetString(nameof(ConversationRecord.UserAadObjectId)),
        UserName = e.GetString(nameof(ConversationRecord.UserName)),
        Removed = e.GetBoolean(nameof(ConversationRecord.Removed)) ?? false,
        UpdatedAt = e.GetDateTimeOffset(nameof(ConversationRecord.UpdatedAt)),
    };
}
