using System.Diagnostics;
using InvestBot.Access;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace InvestBot.Benchmarks.EchoFloor;

/// <summary>
/// A reporter pressing 提交 on the monthly form (Action.Execute → adaptiveCard/action) against the real app on Azurite:
/// 20 warm-up submits, then 100 measured ones, each a real new revision of the unit's March figures. Counts the Table
/// Storage requests each submit sends.
/// </summary>
public static class SubmitBenchmark
{
    private const string Unit = "town-chaoyang";

    public static async Task<SubmitResult> RunAsync(int warmup = 20, int measured = 100)
    {
        var azurite = await AzuriteServer.Shared;
        var counter = new StorageRequestCounter();
        // April 3rd, Beijing: March is open for reporting.
        await using var app = await BotApp.StartAsync(services: s =>
        {
            s.AddSingleton<TimeProvider>(TestClock.AtBeijing(2023, 4, 3));
            counter.Register(s, azurite.ConnectionString);
        });
        var user = TestUser.Named("填报基准");
        await app.Service<IUnitBindingStore>().SetAsync(new UnitBinding(user.AadObjectId, user.Name, Unit, "bench", DateTimeOffset.UtcNow));
        var http = app.CreateClient();
        var revision = 0;
        var latencies = new List<double>();
        var trips = new List<int>();
        var slowestStorage = new List<double>();
        for (var i = 0; i < warmup + measured; i++)
        {
            counter.Reset();
            var start = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync("/api/messages", new StringContent(Submit(user, revision, i), System.Text.Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!body.Contains("已提交", StringComparison.Ordinal))
                throw new InvalidOperationException("submit was not saved: " + body[..Math.Min(4000, body.Length)]);
            revision++;
            if (i >= warmup)
            {
                latencies.Add(elapsed);
                trips.Add(counter.Count);
                slowestStorage.Add(counter.Milliseconds.DefaultIfEmpty(0).Max());
            }
        }
        var saved = await app.Service<MonthlyFiguresStore>().GetAsync(new ReportingMonth(2023, 3), Unit);
        if (saved?.Revision != revision) throw new InvalidOperationException($"stored revision {saved?.Revision}, expected {revision}");
        // The slowest submits, and how much of each was one storage request: Azurite (one Node.js process on the same
        // two cores) now and then answers every request in flight 20 ms late; that, not the bot, makes the tail.
        var p99 = new Latencies(latencies).P99;
        var tail = latencies.Select((ms, i) => (Ms: ms, Storage: slowestStorage[i])).Where(t => t.Ms >= p99).ToList();
        return new SubmitResult(new Latencies(latencies), trips.Average(), counter.Requests, tail.Average(t => t.Ms), tail.Average(t => t.Storage));
    }

    /// <summary>What Teams posts when the reporter presses 提交: the card's data plus every input.</summary>
    private static string Submit(TestUser user, int revision, int i)
    {
        var data = new JObject { ["unitId"] = Unit, ["month"] = "2023-03", ["revision"] = revision };
        foreach (var (metric, value) in new Dictionary<string, string>
        {
            ["domesticProjects"] = (i % 7 + 2).ToString(), ["domesticProjects10m"] = "2", ["domesticProjects100m"] = "1",
            ["domesticCapital"] = "1500.5", ["hqEnterprises"] = "3", ["foreignEnterprises"] = "0", ["foreignCapital"] = "0",
            ["marketEntities"] = "40", ["physicalProjects"] = "2", ["teamSize"] = "6", ["promotionEvents"] = "1", ["chainLeaderContacts"] = "1",
        })
            data["m_" + metric] = value;
        var activity = new JObject
        {
            ["type"] = "invoke", ["name"] = "adaptiveCard/action", ["id"] = Guid.NewGuid().ToString("N"), ["channelId"] = "msteams",
            ["serviceUrl"] = "http://127.0.0.1:9/unused-connector/", ["deliveryMode"] = "expectReplies",
            ["from"] = new JObject { ["id"] = user.Id, ["aadObjectId"] = user.AadObjectId, ["name"] = user.Name },
            ["recipient"] = new JObject { ["id"] = "28:investbot", ["name"] = "InvestBot" },
            ["conversation"] = new JObject { ["id"] = "a:submit-" + user.AadObjectId, ["conversationType"] = "personal", ["tenantId"] = "t" },
            ["value"] = new JObject { ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = "report.submit", ["data"] = data }, ["trigger"] = "manual" },
        };
        return activity.ToString(Formatting.None);
    }

    public static void Print(SubmitResult r)
    {
        Console.WriteLine("| submits | p50 | p99 | mean | storage round trips per submit |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {r.Latencies.Count} | {r.Latencies.P50:F2} ms | {r.Latencies.P99:F2} ms | {r.Latencies.Mean:F2} ms | {r.RoundTrips:F1} |");
        Console.WriteLine($"\nSubmits at or above the p99: {r.TailMs:F1} ms on average, of which the slowest storage request {r.TailSlowestStorageMs:F1} ms.");
        Console.WriteLine($"\nThe last submit's requests: {string.Join(" → ", r.LastRequests)}");
    }
}

public sealed record SubmitResult(Latencies Latencies, double RoundTrips, IReadOnlyList<string> LastRequests, double TailMs, double TailSlowestStorageMs);
