using System.Threading.Channels;

namespace InvestBot.Knowledge;

/// <summary>
/// Writes the questions the bot could not answer (table KnowledgeUnanswered, read by 未答问题) after the turn instead
/// of inside it: the asker's answer never waits on storage for the office's bookkeeping. Entries keep the time they
/// were asked; what piles up during one write is written together. A write that fails is logged with the question
/// (so it is still in the application log) and not retried; when storage is down for long and 1,000 entries are
/// waiting, new ones go to the log only. Pending entries are written before the app stops.
/// </summary>
public sealed class UnansweredQuestionLog(KnowledgeFeedbackStore store, TimeProvider time, ILogger<UnansweredQuestionLog> log) : BackgroundService
{
    private const int Capacity = 1000;
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<UnansweredQuestion> _pending = Channel.CreateBounded<UnansweredQuestion>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });

    public void Add(string question, string userId, string outcome)
    {
        if (!_pending.Writer.TryWrite(new UnansweredQuestion(question, userId, outcome, time.GetUtcNow())))
            log.LogWarning("Unanswered question not stored ({Pending} waiting for storage): {Question} ({Outcome})", Capacity, question, outcome);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not the stopping token: what is queued when the app stops is still written (StopAsync closes the queue).
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
            await WriteBatchAsync();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        // The writer may never have run (an app stopped right after starting): what is left is written here.
        while (_pending.Reader.Count > 0 && !cancellationToken.IsCancellationRequested)
            await WriteBatchAsync();
    }

    /// <summary>What piled up during the last write goes in one request: a burst of questions costs storage one write.</summary>
    private async Task WriteBatchAsync()
    {
        var batch = new List<UnansweredQuestion>();
        while (batch.Count < KnowledgeFeedbackStore.MaxBatch && _pending.Reader.TryRead(out var entry))
            batch.Add(entry);
        if (batch.Count == 0) return;
        try
        {
            using var timeout = new CancellationTokenSource(WriteTimeout);
            await store.LogUnansweredAsync(batch, timeout.Token);
        }
        catch (Exception e)
        {
            foreach (var entry in batch)
                log.LogWarning("Could not store an unanswered question ({Reason}): {Question} ({Outcome})", e.GetType().Name, entry.Question, entry.Outcome);
        }
    }
}
