using Azure;
using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Announcements;

/// <summary>A group chat or channel that receives the ranking announcements.</summary>
/// <param name="Active">False once Teams answered 403/404 for it: the bot lost access, so it is skipped until subscribed again.</param>
public sealed record Subscription(string ConversationId, string DisplayName, string ConversationType, string SubscribedBy,
    DateTimeOffset SubscribedAt, bool Active = true, string? InactiveReason = null);

/// <summary>Table RankingSubscriptions: PartitionKey "subscription", RowKey = encoded conversation id.</summary>
public sealed class SubscriptionStore
{
    private const string Table = "RankingSubscriptions";
    private const string Partition = "subscription";
    private readonly ITableProvider _tables;

    public SubscriptionStore(ITableProvider tables) => _tables = tables;

    /// <summary>Returns false when the conversation was already actively subscribed.</summary>
    public async Task<bool> SubscribeAsync(Subscription s, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var existing = await GetAsync(s.ConversationId, ct);
        await table.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Encode(s.ConversationId))
        {
            [nameof(s.ConversationId)] = s.ConversationId,
            [nameof(s.DisplayName)] = s.DisplayName,
            [nameof(s.ConversationType)] = s.ConversationType,
            [nameof(s.SubscribedBy)] = s.SubscribedBy,
            [nameof(s.SubscribedAt)] = s.SubscribedAt,
            [nameof(s.Active)] = true,
            [nameof(s.InactiveReason)] = "",
        }, TableUpdateMode.Replace, ct);
        return existing is not { Active: true };
    }

    /// <summary>Returns false when the conversation was not subscribed.</summary>
    public async Task<bool> UnsubscribeAsync(string conversationId, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var response = await table.DeleteEntityAsync(Partition, TableKeys.Encode(conversationId), ETag.All, ct);
        return response.Status != 404;
    }

    public async Task MarkInactiveAsync(string conversationId, string reason, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(Partition, TableKeys.Encode(conversationId))
            {
                [nameof(Subscription.Active)] = false,
                [nameof(Subscription.InactiveReason)] = reason,
            }, ETag.All, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Unsubscribed meanwhile: nothing to mark.
        }
    }

    public async Task<Subscription?> GetAsync(string conversationId, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Encode(conversationId), cancellationToken: ct);
        return e.HasValue ? FromEntity(e.Value!) : null;
    }

    public async Task<IReadOnlyList<Subscription>> ListAsync(bool activeOnly = false, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var list = new List<Subscription>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
        {
            var s = FromEntity(e);
            if (!activeOnly || s.Active) list.Add(s);
        }
        return list.OrderBy(s => s.SubscribedAt).ToList();
    }

    private static Subscription FromEntity(TableEntity e) => new(
        e.GetString(nameof(Subscription.ConversationId)),
        e.GetString(nameof(Subscription.DisplayName)) ?? "",
        e.GetString(nameof(Subscription.ConversationType)) ?? "",
        e.GetString(nameof(Subscription.SubscribedBy)) ?? "",
        e.GetDateTimeOffset(nameof(Subscription.SubscribedAt)) ?? DateTimeOffset.MinValue,
        e.GetBoolean(nameof(Subscription.Active)) ?? true,
        e.GetString(nameof(Subscription.InactiveReason)) is { Length: > 0 } r ? r : null);
}
