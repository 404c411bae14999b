using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace InvestBot.Announcements;

/// <summary>
/// Spaces sends evenly so the bot never exceeds Teams' limits: <see cref="DeliveryOptions.PerConversationPerSecond"/>
/// into one conversation (a delivery, all of one conversation's cards, runs on one instance) and
/// <see cref="DeliveryOptions.GlobalPerSecond"/> for the whole bot, split evenly among the running workers.
/// Every attempt, retries included, passes here.
/// </summary>
public sealed class SendPacer
{
    private readonly TimeProvider _time;
    private readonly double _botPerSecond;
    private readonly TimeSpan _perConversation;
    private readonly IntervalGate _global;
    private readonly ConcurrentDictionary<string, IntervalGate> _conversations = new();

    public SendPacer(IOptions<DeliveryOptions> options, TimeProvider time)
    {
        _time = time;
        _botPerSecond = options.Value.GlobalPerSecond;
        _perConversation = TimeSpan.FromSeconds(1 / options.Value.PerConversationPerSecond);
        _global = new IntervalGate(TimeSpan.FromSeconds(1 / _botPerSecond), time);
    }

    /// <summary>How many workers share the bot-wide limit (this one included).</summary>
    public int Share { get; private set; } = 1;

    /// <summary>From now on this instance sends at most GlobalPerSecond ÷ <paramref name="workers"/>.</summary>
    public void ShareAmong(int workers)
    {
        Share = Math.Max(1, workers);
        _global.Interval = TimeSpan.FromSeconds(Share / _botPerSecond);
    }

    public async Task WaitAsync(string conversationId, CancellationToken ct)
    {
        if (_conversations.Count > 10_000) _conversations.Clear(); // bounded memory; losing old slots only loosens nothing that matters now
        await _conversations.GetOrAdd(conversationId, _ => new IntervalGate(_perConversation, _time)).WaitAsync(ct);
        await _global.WaitAsync(ct);
    }

    /// <summary>Hands out time slots at least <c>interval</c> apart, in request order.</summary>
    private sealed class IntervalGate(TimeSpan interval, TimeProvider time)
    {
        private TimeSpan _interval = interval;
        private readonly object _lock = new();
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        public TimeSpan Interval
        {
            set
            {
                lock (_lock) _interval = value;
            }
        }

        public Task WaitAsync(CancellationToken ct)
        {
            DateTimeOffset slot, now;
            lock (_lock)
            {
                now = time.GetUtcNow();
                slot = _next > now ? _next : now;
                _next = slot + _interval;
            }
            // Task.Delay counts whole milliseconds and truncates: round up, or the 8th send of 1/7 s spacing lands inside the first second.
            var wait = TimeSpan.FromMilliseconds(Math.Ceiling((slot - now).TotalMilliseconds));
            return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, time, ct);
        }
    }
}
