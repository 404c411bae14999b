using System.Diagnostics.Metrics;

namespace InvestBot.Common;

/// <summary>The delivery queue's approximate length, for the queue-depth gauge (null: not known yet).</summary>
public interface IQueueDepth
{
    long? Current { get; }
}

/// <summary>
/// The "InvestBot" meter: what an operator watches in production. Every instrument counts events with a small, fixed
/// set of tag values (no user text, no ids), so the series stay few.
/// </summary>
public sealed class InvestBotMetrics
{
    public const string MeterName = "InvestBot";

    private readonly Counter<long> _turns;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _questions;
    private readonly Counter<long> _submissions;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _refused;

    public InvestBotMetrics(IMeterFactory meters, IQueueDepth? queueDepth = null)
    {
        var meter = meters.Create(MeterName);
        _turns = meter.CreateCounter<long>("investbot.turns", "{turn}", "Bot turns handled, by activity kind (message, invoke name, conversationUpdate …)");
        _errors = meter.CreateCounter<long>("investbot.errors", "{error}", "Unhandled errors, by where they happened and the exception kind");
        _questions = meter.CreateCounter<long>("investbot.questions", "{question}", "Policy questions by outcome: answered, unsure (suggestions offered), unanswered");
        _submissions = meter.CreateCounter<long>("investbot.submissions", "{submission}", "Monthly figure submissions by outcome: saved or rejected (with the reason)");
        _deliveries = meter.CreateCounter<long>("investbot.deliveries", "{delivery}", "Ranking announcement deliveries by outcome: sent, retried, failed, gone");
        _throttled = meter.CreateCounter<long>("investbot.throttled", "{response}", "HTTP 429 (Too Many Requests) answers to the bot's outgoing calls, by host");
        _refused = meter.CreateCounter<long>("investbot.refused", "{request}", "Requests to /api/messages refused at the trust boundary, by reason: channel, tenant, token, identity, too large, malformed, rate");
        if (queueDepth is not null)
            meter.CreateObservableGauge("investbot.delivery.queue_depth", () => queueDepth.Current is { } depth
                ? new[] { new Measurement<long>(depth) }
                : Array.Empty<Measurement<long>>(), "{message}", "Deliveries waiting in the ranking delivery queue (approximate)");
    }

    public void Turn(string kind) => _turns.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Error(string where, Exception exception) => _errors.Add(1,
        new KeyValuePair<string, object?>("where", where), new KeyValuePair<string, object?>("kind", exception.GetType().Name));

    /// <summary><paramref name="outcome"/>: answered, unsure or unanswered.</summary>
    public void Question(string outcome) => _questions.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SubmissionSaved() => _submissions.Add(1, new KeyValuePair<string, object?>("outcome", "saved"));

    /// <summary><paramref name="reason"/>: denied (role, window, bad card data), invalid (figures) or stale (edited elsewhere).</summary>
    public void SubmissionRejected(string reason) => _submissions.Add(1,
        new KeyValuePair<string, object?>("outcome", "rejected"), new KeyValuePair<string, object?>("reason", reason));

    /// <summary><paramref name="outcome"/>: sent, retried, failed or gone (the bot was removed from the chat).</summary>
    public void Delivery(string outcome) => _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary><paramref name="reason"/>: channel, tenant, token, identity, too large, malformed or rate.</summary>
    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Throttled(string host) => _throttled.Add(1, new KeyValuePair<string, object?>("host", host));
}
