using System.Collections.Concurrent;
using InvestBot.Common;
using Microsoft.Extensions.Options;

namespace InvestBot.Announcements;

/// <summary>
/// Delivers one announcement to one conversation, exactly once as far as storage can tell:
/// the record is claimed with its ETag before sending, every card sent is recorded, and a finished record is never sent again.
/// </summary>
public sealed class DeliveryProcessor(DeliveryStore deliveries, AnnouncementStore announcements,
    SubscriptionStore subscriptions, IAnnouncementSender sender, IEnumerable<IAnnouncementKind> kinds, SendPacer pacer,
    PoisonDeliveries poison, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<DeliveryProcessor> log,
    InvestBotMetrics metrics)
{
    private readonly Dictionary<string, IAnnouncementKind> _kinds = kinds.ToDictionary(k => k.Kind);
    private readonly DeliveryOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<OutgoingMessage>?>>> _rendered = new();

    /// <summary>Identifies this instance in claims.</summary>
    public string InstanceId { get; } = Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// Null: the ticket is done (delete it). A delay: try again after it (429/5xx, or another instance holds the claim).
    /// Sends are never cancelled half-way: <paramref name="stopping"/> only stops before a send, releasing the claim.
    /// Processing that throws leaves the claim to run out (the ticket comes back), unless the ticket has already been taken
    /// <see cref="DeliveryOptions.MaxDequeueCount"/> times: then the delivery is poison, marked Failed with the error.
    /// </summary>
    public async Task<TimeSpan?> ProcessAsync(DeliveryTicket ticket, CancellationToken stopping, long dequeueCount = 1)
    {
        var ct = CancellationToken.None;
        var record = await deliveries.GetAsync(ticket.AnnouncementId, ticket.ConversationId, ct);
        if (record is null || record.IsFinal) return null;
        var now = time.GetUtcNow();
        // Held by another loop or instance (duplicate tickets exist: resumed publications re-queue); look again when the claim runs out.
        if (record.Status == DeliveryStatus.Sending && record.ClaimedUntil > now)
            return record.ClaimedUntil.Value - now;

        var claimed = await deliveries.TryUpdateAsync(record with
        {
            Status = DeliveryStatus.Sending, ClaimedBy = InstanceId + "/" + Guid.NewGuid().ToString("N")[..8], ClaimedUntil = now.AddSeconds(_options.ClaimSeconds),
        }, ct);
        if (claimed is null) return TimeSpan.FromSeconds(1); // lost the race: re-read shortly

        var current = claimed;
        try
        {
            return await SendPartsAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException && dequeueCount >= _options.MaxDequeueCount)
        {
            var reason = PoisonDeliveries.Describe(e);
            // Only while this loop still holds the claim (its ETag): a record changed by someone else is theirs to finish.
            if (await deliveries.TryUpdateAsync(current with
                {
                    Status = DeliveryStatus.Failed, LastError = $"处理反复出错 {dequeueCount} 次：{reason}", ClaimedBy = null, ClaimedUntil = null,
                }, ct) is null) throw;
            log.LogError(e, "Delivery {Announcement} → {Conversation} marked Failed after {Count} dequeues", ticket.AnnouncementId, ticket.ConversationId, dequeueCount);
            metrics.Delivery("failed");
            await poison.ReportAsync(ticket, current.Conversation, dequeueCount, reason);
            return null;
        }

        async Task<TimeSpan?> SendPartsAsync()
        {
            var parts = await RenderAsync(ticket.AnnouncementId);
            if (parts is null)
            {
                await deliveries.TryUpdateAsync(claimed with { Status = DeliveryStatus.Failed, LastError = "通报不存在" }, ct);
                return null;
            }

            while (current.PartsSent < parts.Count)
            {
                try
                {
                    await pacer.WaitAsync(ticket.ConversationId, stopping);
                }
                catch (OperationCanceledException)
                {
                    await deliveries.TryUpdateAsync(current with { Status = DeliveryStatus.Pending, ClaimedBy = null, ClaimedUntil = null }, ct);
                    return TimeSpan.Zero; // shutting down: hand the ticket back at once
                }

                var result = await SendAsync(current, parts[current.PartsSent]);
                switch (result.Status)
                {
                    case SendStatus.Sent:
                        var sentAll = current.PartsSent + 1 == parts.Count;
                        var next = current with
                        {
                            PartsSent = current.PartsSent + 1,
                            Status = sentAll ? DeliveryStatus.Sent : DeliveryStatus.Sending,
                            SentAt = sentAll ? time.GetUtcNow() : current.SentAt,
                            LastError = null,
                            ClaimedBy = sentAll ? null : current.ClaimedBy,
                            ClaimedUntil = sentAll ? null : time.GetUtcNow().AddSeconds(_options.ClaimSeconds),
                        };
                        if (sentAll) metrics.Delivery("sent");
                        current = await deliveries.TryUpdateAsync(next, ct) ?? throw new InvalidOperationException(
                            $"delivery {ticket.AnnouncementId}/{ticket.ConversationId} changed while this instance held the claim");
                        break;
                    case SendStatus.Retry:
                        var attempts = current.Attempts + 1;
                        if (attempts >= _options.MaxAttempts)
                        {
                            metrics.Delivery("failed");
                            await deliveries.TryUpdateAsync(current with { Status = DeliveryStatus.Failed, Attempts = attempts, LastError = result.Detail, ClaimedBy = null, ClaimedUntil = null }, ct);
                            return null;
                        }
                        await deliveries.TryUpdateAsync(current with { Status = DeliveryStatus.Pending, Attempts = attempts, LastError = result.Detail, ClaimedBy = null, ClaimedUntil = null }, ct);
                        metrics.Delivery("retried");
                        var delay = RetryBackoff.Delay(attempts, result.RetryAfter, _options.MaxBackoffSeconds);
                        // Queue visibility counts whole seconds: round up so a Retry-After is never cut short.
                        return TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
                    case SendStatus.Gone:
                        metrics.Delivery("gone");
                        await deliveries.TryUpdateAsync(current with { Status = DeliveryStatus.Inactive, LastError = result.Detail, ClaimedBy = null, ClaimedUntil = null }, ct);
                        await subscriptions.MarkInactiveAsync(ticket.ConversationId, result.Detail ?? "机器人无法访问该会话", ct);
                        log.LogWarning("Conversation {Conversation} is gone ({Detail}); subscription marked inactive", ticket.ConversationId, result.Detail);
                        return null;
                    default:
                        metrics.Delivery("failed");
                        await deliveries.TryUpdateAsync(current with { Status = DeliveryStatus.Failed, Attempts = current.Attempts + 1, LastError = result.Detail, ClaimedBy = null, ClaimedUntil = null }, ct);
                        return null;
                }
            }
            return null;
        }
    }

    private async Task<SendResult> SendAsync(DeliveryRecord record, OutgoingMessage message)
    {
        try
        {
            return await sender.SendAsync(record.Conversation, message, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Sending to {Conversation} failed", record.Conversation.ConversationId);
            return new SendResult(SendStatus.Retry, null, e.GetType().Name);
        }
    }

    private Task<IReadOnlyList<OutgoingMessage>?> RenderAsync(string announcementId)
    {
        if (_rendered.Count > 20) _rendered.Clear();
        var lazy = _rendered.GetOrAdd(announcementId, id => new Lazy<Task<IReadOnlyList<OutgoingMessage>?>>(async () =>
        {
            // Whatever its kind, an announcement goes out the same way; only its cards differ.
            var a = await announcements.GetRecordAsync(id);
            return a is not null && _kinds.TryGetValue(a.Kind, out var kind) ? await kind.RenderAsync(a, CancellationToken.None) : null;
        }));
        var task = lazy.Value;
        if (task.IsFaulted) _rendered.TryRemove(announcementId, out _);
        return task;
    }
}
