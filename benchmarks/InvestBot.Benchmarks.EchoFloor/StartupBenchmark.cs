using System.Diagnostics;
using System.Net;
using System.Text;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.Knowledge;

namespace InvestBot.Benchmarks.EchoFloor;

/// <summary>
/// Cold start: from launching `dotnet InvestBot.dll` (fresh process, fresh tables) to the first policy question
/// answered with an article card, three times. Then the working set of the last process after 10,000 questions
/// from 16 concurrent users.
/// </summary>
public static class StartupBenchmark
{
    private const string FirstQuestion = "外资企业要引进几家";

    public static async Task<StartupResult> RunAsync(AzuriteServer azurite, int starts = 3, int questions = 10_000)
    {
        var coldStarts = new List<double>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var payload = LoadDriver.Message(FirstQuestion, Guid.NewGuid().ToString(), "a:cold-" + Guid.NewGuid());
        double idle = 0, loaded = 0;
        for (var i = 0; i < starts; i++)
        {
            var watch = Stopwatch.StartNew();
            var bot = await ServerProcess.StartInvestBotAsync(azurite, waitForStart: false);
            try
            {
                await FirstAnswerAsync(http, bot.Url, payload, bot);
                coldStarts.Add(watch.Elapsed.TotalMilliseconds);
                if (i < starts - 1) continue;
                idle = bot.WorkingSetMb;
                using var driver = new LoadDriver();
                var texts = LabelledQuestions.Load().Select(q => q.Text).ToList();
                await driver.RunAsync(bot.Url, LoadDriver.PerUser(texts, FloorBenchmark.Users), questions);
                loaded = bot.WorkingSetMb;
            }
            finally
            {
                await bot.DisposeAsync();
            }
        }
        return new StartupResult(coldStarts, idle, loaded, questions);
    }

    /// <summary>Asks until the answer card comes back (the port opens before the app can answer); polls every 10 ms.</summary>
    private static async Task FirstAnswerAsync(HttpClient http, string url, byte[] payload, ServerProcess bot)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var content = new ByteArrayContent(payload);
                content.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync(url + "/api/messages", content);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && body.Contains("（二）", StringComparison.Ordinal)) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(10);
        }
        throw new TimeoutException("InvestBot did not answer within 60 s:\n" + bot.Tail());
    }

    public static void Print(StartupResult r)
    {
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | ---: |");
        Console.WriteLine($"| cold start to the first answered question (launch `dotnet InvestBot.dll` → answer card), {r.ColdStartsMs.Count} starts | " +
            $"{string.Join(" / ", r.ColdStartsMs.Select(c => $"{c / 1000:F2} s"))} (median {r.ColdStartsMs.Order().ElementAt(r.ColdStartsMs.Count / 2) / 1000:F2} s) |");
        Console.WriteLine($"| working set after the first answer | {r.IdleMb:F0} MB |");
        Console.WriteLine($"| working set after {r.Questions:N0} questions (16 users) | {r.LoadedMb:F0} MB |");
    }
}

public sealed record StartupResult(IReadOnlyList<double> ColdStartsMs, double IdleMb, double LoadedMb, int Questions);
