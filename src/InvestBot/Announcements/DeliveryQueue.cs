using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace InvestBot.Announcements;

/// <summary>A queued unit of work: deliver one announcement to one conversation.</summary>
public sealed record DeliveryTicket(string AnnouncementId, string ConversationId);

/// <summary>A ticket taken from the queue; invisible to other instances until deleted, released or its claim expires.</summary>
/// <param name="DequeueCount">How many times the queue has handed this ticket out, this time included.</param>
public sealed record ReceivedTicket(DeliveryTicket Ticket, string MessageId, string PopReceipt, long DequeueCount = 1);

/// <summary>Azure Queue Storage: lets every bot instance share the sending work.</summary>
public sealed class DeliveryQueue
{
    private readonly QueueClient _queue;
    private Task? _created;

    public DeliveryQueue(QueueClient queue) => _queue = queue;

    /// <summary>Creates the queue once; a failed attempt (storage down at start-up) is not remembered, so it recovers.</summary>
    private Task CreatedAsync()
    {
        var task = _created;
        if (task is null || task.IsFaulted || task.IsCanceled)
        {
            task = _queue.CreateIfNotExistsAsync();
            _created = task;
        }
        return task;
    }

    public string Name => _queue.Name;

    public Uri Uri => _queue.Uri;

    /// <summary>Queue names are 3–63 lower-case letters, digits and single hyphens; the table prefix keeps environments apart.</summary>
    public static string NameFor(string tablePrefix, string queueName)
    {
        var name = (tablePrefix.ToLowerInvariant() + "-" + queueName).Trim('-');
        return name.Length > 63 ? name[..63].TrimEnd('-') : name;
    }

    public async Task EnqueueAsync(IEnumerable<DeliveryTicket> tickets, CancellationToken ct = default)
    {
        await CreatedAsync().WaitAsync(ct);
        // One request per message; in parallel so a thousand tickets do not hold back the workers. Order does not matter.
        await Parallel.ForEachAsync(tickets, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (t, token) => await _queue.SendMessageAsync(JsonSerializer.Serialize(t), token));
    }

    public async Task<IReadOnlyList<ReceivedTicket>> ReceiveAsync(int max, TimeSpan claim, CancellationToken ct = default)
    {
        await CreatedAsync().WaitAsync(ct);
        QueueMessage[] messages = await _queue.ReceiveMessagesAsync(max, claim, ct);
        var list = new List<ReceivedTicket>();
        foreach (var m in messages)
        {
            DeliveryTicket? ticket = null;
            try { ticket = JsonSerializer.Deserialize<DeliveryTicket>(m.Body.ToString()); } catch (JsonException) { }
            if (ticket is null)
            {
                await _queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct); // not ours: drop it
                continue;
            }
            list.Add(new ReceivedTicket(ticket, m.MessageId, m.PopReceipt, m.DequeueCount));
        }
        return list;
    }

    public Task DeleteAsync(ReceivedTicket t, CancellationToken ct = default) => _queue.DeleteMessageAsync(t.MessageId, t.PopReceipt, ct);

    /// <summary>Makes the ticket visible again after <paramref name="delay"/> (a retry, or zero to hand it back on shutdown).</summary>
    public Task RetryLaterAsync(ReceivedTicket t, TimeSpan delay, CancellationToken ct = default) =>
        _queue.UpdateMessageAsync(t.MessageId, t.PopReceipt, visibilityTimeout: delay < TimeSpan.Zero ? TimeSpan.Zero : delay, cancellationToken: ct);

    public async Task<int> ApproximateCountAsync(CancellationToken ct = default)
    {
        await CreatedAsync().WaitAsync(ct);
        return (await _queue.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
    }
}
