using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.Knowledge;

namespace InvestBot.Benchmarks.EchoFloor;

/// <summary>
/// InvestBot against the echo-bot floor in one run: both servers up at once, the same 16 users' load sent to one and
/// then the other in alternating rounds (so drift on the shared machine hits both alike), p50/p99 of each and the ratios.
/// </summary>
/// <remarks>
/// Both servers share two cores, so work one of them defers past the end of its round (finalizers, the GC, thread-pool
/// threads spinning down) would run during the other's round and be charged to the other's latency. Each round
/// therefore starts only when both processes are idle (<see cref="SettleAsync"/>), and rounds are long enough
/// (3,000 questions, ≈ 1–2 s) that each server is measured in its steady state rather than in its start-of-burst
/// transient. <c>floor-short</c> runs the earlier layout (600-turn rounds back to back) for comparison.
/// </remarks>
public static class FloorBenchmark
{
    public const int Users = 16;

    public static async Task<IReadOnlyList<FloorResult>> RunAsync(AzuriteServer azurite, int rounds = 6, int perRound = 3000, bool settle = true)
    {
        var questions = LabelledQuestions.Load().Select(q => q.Text).ToList();
        await using var echo = await ServerProcess.StartEchoBotAsync();
        await using var bot = await ServerProcess.StartInvestBotAsync(azurite);
        using var driver = new LoadDriver();
        var results = new List<FloorResult>();
        foreach (var (name, texts, size) in new[] { ("Q&A (labelled questions)", questions, perRound), ("帮助", ["帮助"], perRound / 2) })
        {
            var echoLoad = LoadDriver.PerUser(texts, Users);
            var botLoad = LoadDriver.PerUser(texts, Users);
            // Warm-up, as long as two measured rounds for each: connection pools, each user's conversation recorded once,
            // and tiered compilation (a method is recompiled optimised after 30 calls and a pause, and InvestBot has far
            // more code on a question's path than the echo bot). The rounds' p99, printed, show what is left of it.
            await driver.RunAsync(echo.Url, echoLoad, 2 * size);
            await driver.RunAsync(bot.Url, botLoad, 2 * size);
            var echoRuns = new List<Latencies>();
            var botRuns = new List<Latencies>();
            var echoCpu = TimeSpan.Zero;
            var botCpu = TimeSpan.Zero;
            async Task Measure(ServerProcess server, byte[][][] load, List<Latencies> runs, Action<TimeSpan> addCpu)
            {
                if (settle) await SettleAsync(echo, bot);
                var before = server.CpuTime;
                runs.Add(await driver.RunAsync(server.Url, load, size));
                addCpu(server.CpuTime - before);
            }
            for (var r = 0; r < rounds; r++)
            {
                Task Echo() => Measure(echo, echoLoad, echoRuns, t => echoCpu += t);
                Task Bot() => Measure(bot, botLoad, botRuns, t => botCpu += t);
                if (r % 2 == 0) { await Echo(); await Bot(); }
                else { await Bot(); await Echo(); }
            }
            var n = rounds * size;
            results.Add(new FloorResult(name, Latencies.Merge(echoRuns), Latencies.Merge(botRuns),
                echoCpu.TotalMicroseconds / n, botCpu.TotalMicroseconds / n, echoRuns.Select(r => r.P99).ToList(), botRuns.Select(r => r.P99).ToList()));
        }
        return results;
    }

    /// <summary>
    /// Waits until neither server used more than 2 % of a core over the last 100 ms (at most 10 s): the previous
    /// round's deferred work is done and charged to the server that caused it.
    /// </summary>
    private static async Task SettleAsync(params ServerProcess[] servers)
    {
        var window = TimeSpan.FromMilliseconds(100);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var last = servers.Select(s => s.CpuTime).ToArray();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(window);
            var now = servers.Select(s => s.CpuTime).ToArray();
            var busiest = now.Zip(last, (a, b) => (a - b) / window).Max();
            last = now;
            if (busiest < 0.02) return;
        }
    }

    public static void Print(IEnumerable<FloorResult> results)
    {
        Console.WriteLine($"| turn ({Users} concurrent users, expectReplies) | n | echo p50 | echo p99 | InvestBot p50 | InvestBot p99 | ratio p50 | ratio p99 | " +
            "server CPU per turn: echo | InvestBot | ratio |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
            Console.WriteLine($"| {r.Name} | {r.Bot.Count} | {r.Echo.P50:F2} ms | {r.Echo.P99:F2} ms | {r.Bot.P50:F2} ms | {r.Bot.P99:F2} ms | " +
                $"{r.Bot.P50 / r.Echo.P50:F2}× | {r.Bot.P99 / r.Echo.P99:F2}× | {r.EchoCpuMicroseconds:F0} µs | {r.BotCpuMicroseconds:F0} µs | " +
                $"{r.BotCpuMicroseconds / r.EchoCpuMicroseconds:F2}× |");
        Console.WriteLine();
        foreach (var r in results)
            Console.WriteLine($"p99 of each round, {r.Name}: echo {string.Join(" ", r.EchoRoundP99.Select(p => p.ToString("F1")))} ms; " +
                $"InvestBot {string.Join(" ", r.BotRoundP99.Select(p => p.ToString("F1")))} ms");
    }
}

/// <param name="EchoCpuMicroseconds">The server process's CPU time per turn (user + system, all threads, GC included):
/// unlike latency, the machine's other load does not inflate it.</param>
/// <param name="EchoRoundP99">Each round's p99 in the order run: a first round far above the others is warm-up.</param>
public sealed record FloorResult(string Name, Latencies Echo, Latencies Bot, double EchoCpuMicroseconds, double BotCpuMicroseconds,
    IReadOnlyList<double> EchoRoundP99, IReadOnlyList<double> BotRoundP99);
