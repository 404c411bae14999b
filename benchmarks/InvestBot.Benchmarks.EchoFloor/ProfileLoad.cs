using System.Diagnostics;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.Knowledge;

namespace InvestBot.Benchmarks.EchoFloor;

/// <summary>
/// Steady load on one server for a profiler to attach to: the floor's 16 users sending the labelled questions (or 帮助)
/// to InvestBot or to the echo bot for a number of seconds, after the same warm-up. Prints the server's process id first.
/// </summary>
public static class ProfileLoad
{
    public static async Task RunAsync(AzuriteServer azurite, string target, string what, int seconds)
    {
        IReadOnlyList<string> texts = what == "help" ? ["帮助"] : LabelledQuestions.Load().Select(q => q.Text).ToList();
        await using var server = target == "echo" ? await ServerProcess.StartEchoBotAsync() : await ServerProcess.StartInvestBotAsync(azurite);
        using var driver = new LoadDriver();
        var load = LoadDriver.PerUser(texts, FloorBenchmark.Users);
        await driver.RunAsync(server.Url, load, Math.Max(FloorBenchmark.Users * 20, texts.Count * 2));
        using (var p = server.Server) Console.WriteLine($"PID {p.Id}");
        var clock = Stopwatch.StartNew();
        var turns = 0;
        var cpuBefore = server.CpuTime;
        var ends = new System.Collections.Concurrent.ConcurrentBag<(double End, double Ms)>();
        var byText = new System.Collections.Concurrent.ConcurrentBag<(byte[] Body, double Ms)>();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await driver.RunAsync(server.Url, load, 600, onTurn: (body, ms) => { byText.Add((body, ms)); ends.Add((clock.Elapsed.TotalMilliseconds, ms)); });
            turns += 600;
        }
        Console.WriteLine($"{turns} turns in {clock.Elapsed.TotalSeconds:F1} s, server CPU {(server.CpuTime - cpuBefore).TotalMicroseconds / turns:F0} µs per turn");
        // The questions most often among the slowest 1 % of turns: a question that waits on something shows up here.
        var all = byText.ToList();
        var lat = new Latencies(all.Select(t => t.Ms));
        var p99 = lat.P99;
        Console.WriteLine($"p50 {lat.P50:F2} p90 {lat.Percentile(90):F2} p95 {lat.Percentile(95):F2} p99 {p99:F2} p99.9 {lat.Percentile(99.9):F2} max {lat.Percentile(100):F2}");
        var slow = ends.Where(e => e.Ms >= p99).Select(e => (int)((e.End - e.Ms) / 20)).ToList(); // 20 ms windows in which a slow turn started
        Console.WriteLine($"slow turns {slow.Count} started in {slow.Distinct().Count()} distinct 20-ms windows");
        Console.WriteLine($"p99 {p99:F2} ms; questions most often slower than that:");
        foreach (var g in all.GroupBy(t => Newtonsoft.Json.Linq.JObject.Parse(System.Text.Encoding.UTF8.GetString(t.Body)).Value<string>("text"))
                     .Select(g => (Text: g.Key, Slow: g.Count(t => t.Ms >= p99), N: g.Count(), Mean: g.Average(t => t.Ms)))
                     .OrderByDescending(g => g.Slow).Take(15))
            Console.WriteLine($"  {g.Slow,4}/{g.N,-4} mean {g.Mean,6:F2} ms  {g.Text}");
    }
}
