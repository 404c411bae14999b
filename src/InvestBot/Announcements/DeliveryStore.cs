using Azure;
using Azure.Data.Tables;
using InvestBot.Conversations;
using InvestBot.Storage;

namespace InvestBot.Announcements;

/// <summary>
/// One (announcement, conversation) pair and where it stands. The record carries the conversation's address as it was at
/// publication, so a worker needs no further lookups. <see cref="PartsSent"/> lets a resumed delivery continue with the next card.
/// </summary>
public sealed record DeliveryRecord(
    string AnnouncementId,
    ConversationRecord Conversation,
    DeliveryStatus Status,
    int Attempts = 0,
    int PartsSent = 0,
    string? ClaimedBy = null,
    DateTimeOffset? ClaimedUntil = null,
    string? LastError = null,
    DateTimeOffset? SentAt = null,
    ETag ETag = default)
{
    public bool IsFinal => Status is DeliveryStatus.Sent or DeliveryStatus.Inactive or DeliveryStatus.Failed or DeliveryStatus.Cancelled;
}

/// <summary>Table RankingDeliveries: PartitionKey = announcement id, RowKey = encoded conversation id.</summary>
public sealed class DeliveryStore
{
    private const string Table = "RankingDeliveries";
    private readonly ITableProvider _tables;

    public DeliveryStore(ITableProvider tables) => _tables = tables;

    /// <summary>Creates Pending records for the conversations that have none yet (safe to repeat after a crash); returns how many exist now.</summary>
    public async Task<int> AddMissingAsync(string announcementId, IEnumerable<ConversationRecord> conversations, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var existing = new HashSet<string>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {announcementId}"), select: new[] { "RowKey" }, cancellationToken: ct))
            existing.Add(e.RowKey);
        var fresh = conversations.DistinctBy(c => c.ConversationId)
            .Select(c => ToEntity(new DeliveryRecord(announcementId, c, DeliveryStatus.Pending)))
            .Where(e => existing.Add(e.RowKey))
            .ToList();
        // One partition → entity group transactions of at most 100.
        foreach (var batch in fresh.Chunk(100))
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct);
        return existing.Count;
    }

    public async Task<DeliveryRecord?> GetAsync(string announcementId, string conversationId, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(announcementId, TableKeys.Encode(conversationId), cancellationToken: ct);
        return e.HasValue ? FromEntity(e.Value!) : null;
    }

    /// <summary>Optimistic update: null when someone else changed the record since it was read.</summary>
    public async Task<DeliveryRecord?> TryUpdateAsync(DeliveryRecord record, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(record), record.ETag, TableUpdateMode.Replace, ct);
            return record with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(string announcementId, CancellationToken ct = default)
    {
        var table = await _tables.GetTableAsync(Table, ct);
        var list = new List<DeliveryRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {announcementId}"), cancellationToken: ct))
            list.Add(FromEntity(e));
        return list;
    }

    public async Task<DeliveryProgress> ProgressAsync(string announcementId, CancellationToken ct = default)
    {
        var all = await ListAsync(announcementId, ct);
        int Count(params DeliveryStatus[] s) => all.Count(d => s.Contains(d.Status));
        var problems = all.Where(d => d.Status is DeliveryStatus.Inactive or DeliveryStatus.Failed)
            .Select(d => $"{d.Conversation.DisplayName}：{(d.Status == DeliveryStatus.Inactive ? "已失效" : "发送失败")}{(d.LastError is { Length: > 0 } err ? $"（{err}）" : "")}")
            .ToList();
        return new DeliveryProgress(all.Count, Count(DeliveryStatus.Sent), Count(DeliveryStatus.Pending, DeliveryStatus.Sending),
            Count(DeliveryStatus.Inactive, DeliveryStatus.Cancelled), Count(DeliveryStatus.Failed), problems);
    }

    private static TableEntity ToEntity(DeliveryRecord r)
    {
        var c = r.Conversation;
        return new TableEntity(r.AnnouncementId, TableKeys.Encode(c.ConversationId))
        {
            ["ConversationId"] = c.ConversationId,
            ["ConversationType"] = c.ConversationType,
            ["ServiceUrl"] = c.ServiceUrl,
            ["ChannelId"] = c.ChannelId,
            ["TenantId"] = c.TenantId,
            ["BotId"] = c.BotId,
            ["Title"] = c.Title,
            ["TeamName"] = c.TeamName,
            ["Status"] = r.Status.ToString(),
            ["Attempts"] = r.Attempts,
            ["PartsSent"] = r.PartsSent,
            ["ClaimedBy"] = r.ClaimedBy,
            ["ClaimedUntil"] = r.ClaimedUntil,
            ["LastError"] = r.LastError,
            ["SentAt"] = r.SentAt,
        };
    }

    private static DeliveryRecord FromEntity(TableEntity e) => new(
        e.PartitionKey,
        new ConversationRecord
        {
            ConversationId = e.GetString("ConversationId"),
            ConversationType = e.GetString("ConversationType") ?? "",
            ServiceUrl = e.GetString("ServiceUrl") ?? "",
            ChannelId = e.GetString("ChannelId") ?? "msteams",
            TenantId = e.GetString("TenantId"),
            BotId = e.GetString("BotId"),
            Title = e.GetString("Title"),
            TeamName = e.GetString("TeamName"),
        },
        Enum.TryParse<DeliveryStatus>(e.GetString("Status"), out var s) ? s : DeliveryStatus.Pending,
        e.GetInt32("Attempts") ?? 0,
        e.GetInt32("PartsSent") ?? 0,
        e.GetString("ClaimedBy"),
        e.GetDateTimeOffset("ClaimedUntil"),
        e.GetString("LastError"),
        e.GetDateTimeOffset("SentAt"),
        e.ETag);
}
