using Azure.Data.Tables;
using InvestBot.Storage;

namespace InvestBot.Knowledge;

public sealed record AnswerFeedback(string Question, int Article, bool Helpful, string UserId, DateTimeOffset At);

public sealed record UnansweredQuestion(string Question, string UserId, string Outcome, DateTimeOffset At);

public sealed record FeedbackCounts(int Helpful, int NotHelpful);

/// <summary>
/// 👍/👎 on answers (table KnowledgeFeedback) and the questions the bot could not answer (table
/// KnowledgeUnanswered). Row keys are inverted ticks so the newest rows come first in a partition scan.
/// </summary>
public sealed class KnowledgeFeedbackStore(ITableProvider tables, TimeProvider time)
{
    private const string FeedbackTable = "KnowledgeFeedback";
    private const string UnansweredTable = "KnowledgeUnanswered";
    private const string Partition = "qa";

    /// <summary>The most rows Table Storage takes in one transaction.</summary>
    public const int MaxBatch = 100;

    /// <summary>One vote per user per answer (question and article): a second 👍/👎, pressed again or forged, replaces the
    /// first instead of adding a row.</summary>
    public async Task AddFeedbackAsync(string question, int article, bool helpful, string userId, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(FeedbackTable, ct);
        var now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(Partition, VoteKey(userId, article, question))
        {
            ["Question"] = question, ["Article"] = article, ["Helpful"] = helpful, ["UserId"] = userId, ["At"] = now,
        }, TableUpdateMode.Replace, ct);
    }

    private static string VoteKey(string userId, int article, string question) =>
        "v-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{userId}\n{article}\n{question}")));

    /// <summary>Up to <see cref="MaxBatch"/> entries in one request (one partition, one entity-group transaction).</summary>
    public async Task LogUnansweredAsync(IReadOnlyList<UnansweredQuestion> entries, CancellationToken ct = default)
    {
        if (entries.Count is 0 or > MaxBatch) throw new ArgumentOutOfRangeException(nameof(entries), entries.Count, $"1 to {MaxBatch} entries");
        var table = await tables.GetTableAsync(UnansweredTable, ct);
        var rows = entries.Select(e => new TableEntity(Partition, NewRowKey(e.At))
        {
            ["Question"] = e.Question, ["UserId"] = e.UserId, ["Outcome"] = e.Outcome, ["At"] = e.At,
        }).ToList();
        if (rows.Count == 1) await table.AddEntityAsync(rows[0], ct);
        else await table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct);
    }

    public async Task<IReadOnlyList<UnansweredQuestion>> RecentUnansweredAsync(int max, CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(UnansweredTable, ct);
        var list = new List<UnansweredQuestion>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), maxPerPage: max, cancellationToken: ct))
        {
            list.Add(new UnansweredQuestion(e.GetString("Question") ?? "", e.GetString("UserId") ?? "", e.GetString("Outcome") ?? "",
                e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));
            if (list.Count >= max) break;
        }
        return list;
    }

    public async Task<IReadOnlyList<AnswerFeedback>> AllFeedbackAsync(CancellationToken ct = default)
    {
        var table = await tables.GetTableAsync(FeedbackTable, ct);
        var list = new List<AnswerFeedback>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
            list.Add(new AnswerFeedback(e.GetString("Question") ?? "", e.GetInt32("Article") ?? 0, e.GetBoolean("Helpful") ?? false,
                e.GetString("UserId") ?? "", e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));
        return list;
    }

    public async Task<FeedbackCounts> CountsAsync(CancellationToken ct = default)
    {
        var all = await AllFeedbackAsync(ct);
        return new FeedbackCounts(all.Count(f => f.Helpful), all.Count(f => !f.Helpful));
    }

    // Newest first; the random tail keeps two rows written in the same tick apart.
    private static string NewRowKey(DateTimeOffset at) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{Guid.NewGuid():N}";
}
