using BenchmarkDotNet.Attributes;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.Knowledge;

namespace InvestBot.Benchmarks;

/// <summary>
/// Per-question latency at the bot's HTTP endpoint (/api/messages, real adapter, Azurite tables): each
/// iteration asks the next labelled question once, so the iteration statistics are per-question latencies.
/// Accuracy over the whole labelled set is measured once in the setup and shown as a column.
/// </summary>
public class QuestionAnsweringBenchmark
{
    private BotApp _app = null!;
    private BotClient _bot = null!;
    private IReadOnlyList<LabelledQuestion> _questions = [];
    private int _next;
    private readonly TestUser _user = TestUser.Named("基准测试");

    public static QualityResult? Quality { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _questions = LabelledQuestions.Load();
        _app = BotApp.StartAsync().GetAwaiter().GetResult();
        _bot = _app.Client();
        Quality = MeasureQuality().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "ask one question at /api/messages")]
    public async Task<int> AskNextQuestion()
    {
        var q = _questions[_next++ % _questions.Count];
        var replies = await _bot.SayAsync(q.Text, _user);
        return replies.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        AzuriteServer.Shared.GetAwaiter().GetResult().DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task<QualityResult> MeasureQuality()
    {
        int single = 0, singleRight = 0, lists = 0, listsRight = 0;
        var commandReplies = await LabelledQuestions.CommandRepliesAsync(_questions, async text => BotClient.AllText(await _bot.SayAsync(text, _user)));
        foreach (var q in _questions)
        {
            var reply = BotClient.AllText(await _bot.SayAsync(q.Text, _user));
            var ok = LabelledQuestions.Check(q, reply, q.Command is { } command ? commandReplies[command] : null) is null;
            if (q.Mode == "top1") { single++; if (ok) singleRight++; }
            else { lists++; if (ok) listsRight++; }
        }
        return new QualityResult(single, singleRight, lists, listsRight);
    }
}

public sealed record QualityResult(int Single, int SingleRight, int Lists, int ListsRight)
{
    public double SingleAccuracy => (double)SingleRight / Single;
    public override string ToString() => $"top1 {SingleRight}/{Single} ({SingleAccuracy:P1}); lists {ListsRight}/{Lists}";
}
