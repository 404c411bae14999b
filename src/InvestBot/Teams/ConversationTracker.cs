using System.Collections.Concurrent;
using InvestBot.Conversations;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace InvestBot.Teams;

/// <summary>Notified when the bot is removed from a conversation (e.g. to drop subscriptions).</summary>
public interface IConversationRemovedListener
{
    Task OnConversationRemovedAsync(string conversationId, CancellationToken ct);
}

/// <summary>
/// Keeps the installation store current from incoming activities. Remembers which conversations it
/// already saved in this process so ordinary messages cost no storage round-trip.
/// </summary>
public sealed class ConversationTracker(IConversationStore store, IEnumerable<IConversationRemovedListener> removedListeners,
    ILogger<ConversationTracker> log)
{
    private static readonly TimeSpan[] RetryDelays = new[] { 1, 2, 5, 10, 30, 60, 120, 300 }.Select(s => TimeSpan.FromSeconds(s)).ToArray();
    private readonly ConcurrentDictionary<string, byte> _known = new();
    private readonly ConcurrentDictionary<string, byte> _retrying = new();

    /// <summary>Waits for a recording started alongside the answer; if it failed (storage down), retries it in the background.</summary>
    public async Task SettleAsync(Task recording, IActivity activity)
    {
        try
        {
            await recording;
        }
        catch (Exception e)
        {
            log.LogWarning("Could not record conversation {Conversation} now ({Reason}); retrying in the background",
                ConversationIdOf(activity), e.GetType().Name);
            RetryInBackground(activity);
        }
    }

    /// <summary>Like <see cref="InstalledAsync"/>, but when storage fails the install is retried in the background and
    /// treated as fresh (Teams sends install events on install), so the welcome still goes out.</summary>
    public async Task<bool> InstalledOrRetryAsync(IActivity activity, CancellationToken ct)
    {
        try
        {
            return await InstalledAsync(activity, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Could not record the installation in {Conversation} now ({Reason}); retrying in the background",
                ConversationIdOf(activity), e.GetType().Name);
            RetryInBackground(activity);
            return true;
        }
    }

    private void RetryInBackground(IActivity activity)
    {
        var record = FromActivity(activity);
        if (!_retrying.TryAdd(record.ConversationId, 0)) return;
        _ = Storage.StorageTurn.RunDetached(async () =>
        {
            try
            {
                foreach (var delay in RetryDelays)
                {
                    await Task.Delay(delay);
                    try
                    {
                        await store.UpsertAsync(record);
                        _known[record.ConversationId] = 0;
                        log.LogInformation("Recorded conversation {Conversation} after a retry", record.ConversationId);
                        return;
                    }
                    catch (Exception e)
                    {
                        log.LogDebug(e, "Retry recording {Conversation} failed", record.ConversationId);
                    }
                }
                log.LogError("Gave up recording conversation {Conversation}; it is recorded when it next speaks", record.ConversationId);
            }
            finally
            {
                _retrying.TryRemove(record.ConversationId, out _);
            }
        });
    }

    /// <summary>Saves the conversation; true when this is a fresh install (new, or re-added after removal).</summary>
    public async Task<bool> InstalledAsync(IActivity activity, CancellationToken ct)
    {
        var record = FromActivity(activity);
        var fresh = await store.UpsertAsync(record, ct);
        _known[record.ConversationId] = 0;
        return fresh;
    }

    /// <summary>Saves the conversation the first time this process sees it (first spoken to).</summary>
    public async Task SeenAsync(IActivity activity, CancellationToken ct)
    {
        var id = ConversationIdOf(activity);
        if (id is null || _known.ContainsKey(id)) return;
        await InstalledAsync(activity, ct);
    }

    public async Task RemovedAsync(IActivity activity, CancellationToken ct)
    {
        var id = ConversationIdOf(activity);
        if (id is null) return;
        _known.TryRemove(id, out _);
        await store.MarkRemovedAsync(id, ct);
        foreach (var listener in removedListeners)
            await listener.OnConversationRemovedAsync(id, ct);
    }

    /// <summary>A channel message's conversation id carries ";messageid=…"; the channel itself is the part before it.</summary>
    public static string? ConversationIdOf(IActivity activity)
    {
        var id = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(id)) return null;
        var cut = id.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return cut >= 0 ? id[..cut] : id;
    }

    public static ConversationRecord FromActivity(IActivity activity)
    {
        var type = activity.Conversation?.ConversationType ?? "personal";
        TeamsChannelData? data = null;
        try { data = activity.GetChannelData<TeamsChannelData>(); } catch (Newtonsoft.Json.JsonException) { }
        var personal = type == "personal";
        return new ConversationRecord
        {
            ConversationId = ConversationIdOf(activity) ?? throw new InvalidOperationException("activity without conversation"),
            ConversationType = type,
            TenantId = activity.Conversation?.TenantId ?? data?.Tenant?.Id,
            ServiceUrl = activity.ServiceUrl,
            ChannelId = activity.ChannelId,
            BotId = activity.Recipient?.Id,
            BotName = activity.Recipient?.Name,
            TeamId = data?.Team?.Id,
            TeamName = data?.Team?.Name,
            TeamsChannelId = data?.Channel?.Id,
            Title = type == "channel" ? data?.Channel?.Name ?? activity.Conversation?.Name : activity.Conversation?.Name,
            UserId = personal ? activity.From?.Id : null,
            UserAadObjectId = personal ? activity.From?.AadObjectId ?? activity.From?.Id : null,
            UserName = personal ? activity.From?.Name : null,
        };
    }
}
