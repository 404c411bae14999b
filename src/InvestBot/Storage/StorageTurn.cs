using System.Diagnostics;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace InvestBot.Storage;

/// <summary>What a user's turn knows about its writes when something failed: it decides what the apology may claim.</summary>
public enum TurnWrites { None, Committed, Unknown }

/// <summary>Thrown by storage inside a turn whose storage deadline has passed; the request may still be in flight.</summary>
public sealed class StorageDeadlineException(TimeSpan budget) : TimeoutException($"storage did not answer within the turn's {budget.TotalSeconds:0.#} s");

/// <summary>
/// The storage side of one user turn: a deadline for every Table Storage call made while it is current (an AsyncLocal, so
/// stores need no extra parameter) and a journal of the turn's writes. A user in Teams gives up after a few seconds; a
/// turn must not wait on a hanging storage account longer than that, and its apology must say only what is known.
/// </summary>
public sealed class StorageTurn : IDisposable
{
    private static readonly AsyncLocal<StorageTurn?> Ambient = new();
    private readonly StorageTurn? _previous;
    private readonly long _deadline;
    private int _committed;
    private int _unknown;
    private int _failed;

    private StorageTurn(TimeSpan budget)
    {
        Budget = budget;
        _deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        _previous = Ambient.Value;
        Ambient.Value = this;
    }

    public static StorageTurn? Current => Ambient.Value;

    /// <summary>Starts a turn on the current async flow; dispose when the turn ends. Real time, whatever clock the business uses.</summary>
    public static StorageTurn Begin(TimeSpan budget) => new(budget);

    /// <summary>Runs work that outlives the turn (retries in the background) without the turn's deadline.</summary>
    public static Task RunDetached(Func<Task> work)
    {
        using (ExecutionContext.SuppressFlow()) return Task.Run(work);
    }

    public TimeSpan Budget { get; }

    /// <summary>A short id for this turn, in the log and in the apology, so a report can be matched to the log.</summary>
    public string CorrelationId { get; } = Activity.Current?.TraceId.ToHexString()[..12] ?? Guid.NewGuid().ToString("N")[..12];

    public TimeSpan Remaining => TimeSpan.FromSeconds(Math.Max(0, (_deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency));

    /// <summary>Storage failed (timed out, refused, answered 5xx) at least once in this turn.</summary>
    public bool StorageFailed => Volatile.Read(ref _failed) > 0;

    public TurnWrites Writes => Volatile.Read(ref _unknown) > 0 ? TurnWrites.Unknown : Volatile.Read(ref _committed) > 0 ? TurnWrites.Committed : TurnWrites.None;

    internal void Committed() => Interlocked.Increment(ref _committed);
    internal void Unknown() => Interlocked.Increment(ref _unknown);
    internal void Failed() => Interlocked.Increment(ref _failed);

    public void Dispose() => Ambient.Value = _previous;
}

/// <summary>
/// Per call, before retries: applies the current <see cref="StorageTurn"/>'s deadline to the whole call (retries included)
/// and records whether a write committed (2xx), was refused (an error status: nothing written) or has an unknown outcome
/// (no answer). Outside a turn (background jobs) it does nothing.
/// </summary>
public sealed class StorageTurnPolicy : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (StorageTurn.Current is not { } turn)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }
        var write = IsWrite(message.Request);
        var remaining = turn.Remaining;
        if (remaining <= TimeSpan.Zero)
        {
            turn.Failed();
            throw new StorageDeadlineException(turn.Budget);
        }
        var call = ProcessNextAsync(message, pipeline).AsTask();
        try
        {
            await call.WaitAsync(remaining);
        }
        catch (TimeoutException)
        {
            turn.Failed();
            if (write) turn.Unknown();
            // Left running: the SDK's own network timeout ends it; its outcome is observed so it is not unobserved.
            _ = call.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            throw new StorageDeadlineException(turn.Budget);
        }
        catch (Exception e) when (e is not RequestFailedException { Status: > 0 and < 500 })
        {
            turn.Failed();
            if (write) turn.Unknown();
            throw;
        }
        if (message.Response.Status >= 500) turn.Failed();
        if (write && message.Response.Status is >= 200 and < 300) turn.Committed();
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessNext(message, pipeline);

    /// <summary>Entity writes and batches; creating a table (POST …/Tables) changes no data.</summary>
    private static bool IsWrite(Request request) =>
        request.Method != RequestMethod.Get && request.Method != RequestMethod.Head
        && !request.Uri.Path.TrimEnd('/').EndsWith("/Tables", StringComparison.OrdinalIgnoreCase);
}
