using System.Diagnostics;
using InvestBot.Knowledge;
using InvestBot.Knowledge.Bot;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.Knowledge;
using Newtonsoft.Json;

namespace InvestBot.Benchmarks.EchoFloor;

/// <summary>
/// Where a question spends its time, stage by stage, measured in-process on the real app's singletons with a
/// Stopwatch over many passes of the labelled set (mean per question). The last row is the whole turn through
/// the real adapter and ASP.NET pipeline (in-memory TestServer, one user, Azurite behind it).
/// </summary>
public static class StageBenchmark
{
    private const int Passes = 30;

    public static IReadOnlyList<(string Stage, Cost Cost)> Run()
    {
        var questions = LabelledQuestions.Load().Select(q => q.Text).ToList();
        var app = BotApp.StartAsync().GetAwaiter().GetResult();
        try
        {
            var answerer = app.Service<PolicyQuestionAnswerer>();
            var index = app.Service<ArticleSearchIndex>();
            var kb = app.Service<KnowledgeBase>();
            var topics = questions.Select(answerer.Topic).ToList();
            var answers = questions.Select(q => answerer.Answer(q)).ToList();
            var cards = answers.Select(a => AnswerCards.Build(a, kb)).ToList();
            // Every stage's code optimised before any is measured (tiered compilation recompiles a method after 30
            // calls and a pause): otherwise the first stage measured pays for running unoptimised code.
            string Reply(string q)
            {
                var (card, summary) = AnswerCards.Build(answerer.Answer(q), kb);
                return JsonConvert.SerializeObject(Card.ToActivity(card, summary));
            }
            for (var pass = 0; pass < 40; pass++)
                foreach (var q in questions) Reply(q);
            Thread.Sleep(500); // let the background compiler finish the methods those calls queued
            var rows = new List<(string, Cost)>
            {
                ("answer: whole `PolicyQuestionAnswerer.Answer`", Mean(questions, q => answerer.Answer(q))),
                ("  of which: topic words (`Topic`)", Mean(questions, answerer.Topic)),
                ("  of which: analysis (`TopicTerms`, SmartCn)", Mean(topics, index.TopicTerms)),
                ("  of which: retrieval (`ArticleSearchIndex.Search`)", Mean(topics, t => index.Search(t))),
                ("card: `AnswerCards.Build`", Mean(answers, a => AnswerCards.Build(a, kb))),
                ("card: JSON of the reply activity", Mean(cards, c => JsonConvert.SerializeObject(Card.ToActivity(c.Card, c.Summary)))),
                ("answer + card + JSON, per question", Mean(questions, Reply)),
                ("whole turn in-process (TestServer, adapter, storage; CPU of the whole process)", WholeTurn(app, questions)),
            };
            PrintCostliest(questions, q => Reply(q).Length);
            return rows;
        }
        finally
        {
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static Cost Mean<T>(IReadOnlyList<T> items, Func<T, object?> stage)
    {
        foreach (var item in items) stage(item); // warm-up
        var cpu = ThreadCpu.Microseconds();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var pass = 0; pass < Passes; pass++)
            foreach (var item in items) stage(item);
        var n = Passes * items.Count;
        return new Cost(watch.Elapsed.TotalMicroseconds / n, (ThreadCpu.Microseconds() - cpu) / n,
            (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)n);
    }

    /// <summary>The spread of one question's cost over the labelled set: a few costly questions make the latency tail.</summary>
    private static void PrintCostliest(IReadOnlyList<string> questions, Func<string, int> answer)
    {
        var costs = questions.Select(q =>
        {
            answer(q);
            var cpu = ThreadCpu.Microseconds();
            var size = 0;
            for (var i = 0; i < Passes; i++) size = answer(q);
            return (Question: q, Micros: (ThreadCpu.Microseconds() - cpu) / Passes, Size: size);
        }).OrderByDescending(c => c.Micros).ToList();
        var sorted = new Latencies(costs.Select(c => c.Micros));
        Console.WriteLine($"Answer + card + JSON per question, CPU: p50 {sorted.P50:F0} µs, p90 {sorted.Percentile(90):F0} µs, max {sorted.Percentile(100):F0} µs. Costliest:");
        foreach (var c in costs.Take(8)) Console.WriteLine($"  {c.Micros,6:F0} µs  {c.Size,6} chars  {c.Question}");
    }

    private static Cost WholeTurn(BotApp app, IReadOnlyList<string> questions)
    {
        var http = app.CreateClient();
        var id = Guid.NewGuid().ToString();
        var payloads = questions.Select(q => LoadDriver.Message(q, id, "a:stage-" + id)).ToList();
        void Send(byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = http.PostAsync("/api/messages", content).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
            response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        }
        foreach (var p in payloads) Send(p);
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        const int passes = 5;
        for (var pass = 0; pass < passes; pass++)
            foreach (var p in payloads) Send(p);
        self.Refresh();
        var n = passes * payloads.Count;
        return new Cost(watch.Elapsed.TotalMicroseconds / n, (self.TotalProcessorTime - cpu).TotalMicroseconds / n,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)n);
    }

    public static void Print(IEnumerable<(string Stage, Cost Cost)> rows)
    {
        Console.WriteLine("| stage | wall time per question | CPU time per question | allocated per question |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (stage, cost) in rows)
            Console.WriteLine($"| {stage} | {cost.WallMicroseconds:F0} µs | {cost.CpuMicroseconds:F0} µs | {cost.AllocatedBytes / 1024:F1} KB |");
    }
}

/// <summary>
/// Mean wall-clock and CPU time of one call, and the bytes it allocated (what the GC later pays for, in pauses that show
/// in the p99). CPU time is what the machine's other load cannot inflate.
/// </summary>
public sealed record Cost(double WallMicroseconds, double CpuMicroseconds, double AllocatedBytes);

/// <summary>The calling thread's CPU time (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)).</summary>
public static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static double Microseconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var ts) != 0) throw new InvalidOperationException("clock_gettime failed");
        return ts.Seconds * 1e6 + ts.Nanoseconds / 1e3;
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec ts);
}
