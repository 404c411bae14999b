using Microsoft.Extensions.Options;

namespace InvestBot.Announcements;

/// <summary>
/// Background sending: a receiver takes tickets from the queue and hands them to <see cref="DeliveryProcessor"/>; another loop
/// finishes publications (resuming ones stuck while preparing, telling the admin when all deliveries are final).
/// On shutdown, tickets not yet started go straight back to the queue for the next instance.
/// A heartbeat keeps this instance's share of Teams' per-bot limit right as instances come and go.
/// </summary>
public sealed class DeliveryWorker(DeliveryQueue queue, DeliveryProcessor processor, AnnouncementStore announcements,
    DeliveryStore deliveries, AnnouncementDispatcher dispatcher, IEnumerable<IAnnouncementKind> kinds,
    AdminNotifier notifier, WorkerRegistry registry, SendPacer pacer, IOptions<DeliveryOptions> options,
    TimeProvider time, ILogger<DeliveryWorker> log) : BackgroundService
{
    private readonly Dictionary<string, IAnnouncementKind> _kinds = kinds.ToDictionary(k => k.Kind);
    private readonly DeliveryOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!_options.WorkerEnabled) return;
        await HeartbeatAsync(stopping); // learn this instance's share before the first send
        // Joining running workers: give them one heartbeat to see this one and lower their rate before it sends,
        // so the bot as a whole never goes above the limit while instances come up.
        if (pacer.Share == 1 || await PauseAsync(TimeSpan.FromSeconds(_options.HeartbeatSeconds), stopping))
            await Task.WhenAll(ReceiveLoopAsync(stopping), ProgressLoopAsync(stopping), HeartbeatLoopAsync(stopping));
        try
        {
            using var leaving = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await registry.LeaveAsync(leaving.Token);
        }
        catch (Exception e)
        {
            log.LogInformation(e, "Could not deregister delivery worker {Instance}; it stops counting after three heartbeats", registry.InstanceId);
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken stopping)
    {
        while (await PauseAsync(TimeSpan.FromSeconds(_options.HeartbeatSeconds), stopping))
            await HeartbeatAsync(stopping);
    }

    private async Task HeartbeatAsync(CancellationToken stopping)
    {
        try
        {
            var workers = await registry.HeartbeatAsync(TimeSpan.FromSeconds(_options.HeartbeatSeconds * 3), stopping);
            if (workers != pacer.Share) log.LogInformation("{Workers} delivery workers share the per-bot send limit", workers);
            pacer.ShareAmong(workers);
        }
        catch (Exception e)
        {
            // Storage unreachable: keep the last known share; sends fail and retry anyway until storage is back.
            if (!stopping.IsCancellationRequested) log.LogWarning(e, "Delivery worker heartbeat failed");
        }
    }

    /// <summary>
    /// One receiver fills up to <see cref="DeliveryOptions.WorkerConcurrency"/> parallel deliveries, taking as many tickets
    /// per request as there are free slots (at most 32, the queue's limit). An idle instance polls once per interval.
    /// </summary>
    private async Task ReceiveLoopAsync(CancellationToken stopping)
    {
        var concurrency = Math.Max(1, _options.WorkerConcurrency);
        using var slots = new SemaphoreSlim(concurrency);
        var running = new List<Task>();
        var idle = TimeSpan.FromMilliseconds(50);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var free = 1;
            while (free < Math.Min(32, concurrency) && slots.Wait(0)) free++;

            IReadOnlyList<ReceivedTicket> tickets;
            try
            {
                tickets = await queue.ReceiveAsync(free, TimeSpan.FromSeconds(_options.ClaimSeconds), stopping);
            }
            catch (Exception e)
            {
                if (e is not OperationCanceledException || !stopping.IsCancellationRequested)
                    log.LogWarning(e, "Reading the delivery queue failed");
                tickets = [];
            }
            if (free > tickets.Count) slots.Release(free - tickets.Count);
            if (tickets.Count == 0)
            {
                if (!await PauseAsync(idle, stopping)) break;
                idle = TimeSpan.FromMilliseconds(Math.Min(idle.TotalMilliseconds * 2, _options.IdlePollMilliseconds));
                continue;
            }
            idle = TimeSpan.FromMilliseconds(50);
            running.RemoveAll(t => t.IsCompleted);
            foreach (var ticket in tickets)
                running.Add(RunAsync(ticket));
        }
        // Deliveries under way finish (or hand their ticket back) before the host stops.
        await Task.WhenAll(running);

        async Task RunAsync(ReceivedTicket ticket)
        {
            try
            {
                await HandleAsync(ticket, stopping);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    private async Task HandleAsync(ReceivedTicket ticket, CancellationToken stopping)
    {
        try
        {
            if (stopping.IsCancellationRequested)
            {
                await queue.RetryLaterAsync(ticket, TimeSpan.Zero);
                return;
            }
            var later = await processor.ProcessAsync(ticket.Ticket, stopping, ticket.DequeueCount);
            if (later is null) await queue.DeleteAsync(ticket);
            else await queue.RetryLaterAsync(ticket, later.Value);
        }
        catch (Exception e)
        {
            // Storage hiccup: the ticket becomes visible again when its claim runs out (the processor ends a poison one).
            log.LogError(e, "Delivery {Announcement} → {Conversation} failed (dequeue {Count})", ticket.Ticket.AnnouncementId, ticket.Ticket.ConversationId, ticket.DequeueCount);
        }
    }

    private async Task ProgressLoopAsync(CancellationToken stopping)
    {
        while (await PauseAsync(TimeSpan.FromMilliseconds(_options.ProgressPollMilliseconds), stopping))
        {
            try
            {
                await FinishPublicationsAsync(stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                log.LogWarning(e, "Checking publication progress failed");
            }
        }
    }

    public async Task FinishPublicationsAsync(CancellationToken ct)
    {
        // Every kind of announcement (the ranking, other capabilities' reports) is finished the same way.
        foreach (var a in await announcements.ListUnfinishedRecordsAsync(ct))
        {
            if (a.State == AnnouncementState.Preparing)
            {
                // The instance that published died before queuing everything (queuing a thousand tickets takes seconds, so wait well beyond that).
                if (time.GetUtcNow() - a.PublishedAt > TimeSpan.FromSeconds(_options.ClaimSeconds * 5))
                    await dispatcher.StartAsync(a.Id, ct: ct);
                continue;
            }
            var progress = await deliveries.ProgressAsync(a.Id, ct);
            if (!progress.Finished) continue;
            // Exactly one instance wins the transition and reports.
            if (await announcements.TryTransitionAsync(a.Id, AnnouncementState.Delivering, AnnouncementState.Completed, ct: ct))
            {
                var title = _kinds.TryGetValue(a.Kind, out var kind) ? kind.Title(a) : a.Title ?? a.Id;
                await notifier.NotifyAsync(a.PublishedBy, AdminNotifier.CompletionText(title, progress), ct);
            }
        }
    }

    private async Task<bool> PauseAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, time, stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
