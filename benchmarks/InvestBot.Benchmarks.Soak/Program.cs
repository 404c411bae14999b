using System.Collections.Concurrent;
using System.Diagnostics;
using InvestBot.Access;
using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

// Soak: simulated users × mixed turns against the real bot (real adapter, expectReplies) on its own Azurite. Half-way
// through, the storage process is frozen (SIGSTOP) for --outage seconds and thawed. Reports errors outside the outage,
// replies slower than 5 s during it, p50/p99, and whether every submission acknowledged as saved is in the table.
// Usage: dotnet run -c Release --project benchmarks/InvestBot.Benchmarks.Soak -- [--users 200] [--turns 50] [--outage 20] [--parallel 24]
// WebApplicationFactory finds the app's content root through this variable (this is not a test project).
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INVESTBOT", Path.Combine(RepoPaths.Root, "src", "InvestBot"));
var users = Arg("--users", 200);
var turnsPerUser = Arg("--turns", 50);
var outageSeconds = Arg("--outage", 20);
var parallel = Arg("--parallel", 24);
var patience = TimeSpan.FromSeconds(5);

await using var azurite = await AzuriteServer.StartAsync();
var admins = Enumerable.Range(0, 10).Select(i => $"00000000-0000-0000-0000-00000000a{i:D3}").ToList();
var settings = new Dictionary<string, string?>
{
    ["InvestBot:StorageConnectionString"] = azurite.ConnectionString,
    ["InvestBot:Ranking:WorkerEnabled"] = "false",
    ["Logging:LogLevel:Default"] = "Error",
};
for (var i = 0; i < admins.Count; i++) settings[$"InvestBot:Admins:{i + 1}"] = admins[i];
// March 2023 is open for reporting on 3 April.
var clock = TestClock.AtBeijing(2023, 4, 3);
await using var app = await BotApp.StartAsync(settings, s => s.AddSingleton<TimeProvider>(clock));
var bot = app.Client();

// Each simulated user reports for a town, department or platform unit (several users share a unit, as colleagues do).
var units = app.Service<UnitDirectory>().Units.Where(u => u.Reports && u.Kind is "town" or "department" or "platform").ToList();
var people = Enumerable.Range(0, users).Select(i => (User: i < admins.Count
    ? new TestUser("29:soak" + i, admins[i], "管理员" + i) : TestUser.Named("填报员" + i), Unit: units[i % units.Count])).ToList();
var bindings = app.Service<IUnitBindingStore>();
foreach (var p in people)
    await bindings.SetAsync(new UnitBinding(p.User.AadObjectId, p.User.Name, p.Unit.Id, "soak", DateTimeOffset.UtcNow));
string[] questions = ["外资企业要引进几家", "第22条", "区商务局负责哪些条款", "谁负责人才服务", "亲清茶室", "三十条措施目录", "招商引资有什么奖励"];
string[] adminViews = ["填报情况", "绑定列表", "目标汇总 2023", "填报情况 2023-03"];

var results = new ConcurrentBag<Turn>();
var acknowledged = new ConcurrentBag<(string UnitId, decimal Marker)>();
var gate = new SemaphoreSlim(parallel);
var done = 0;
var total = users * turnsPerUser;
long outageFrom = long.MaxValue, outageTo = long.MaxValue;
var run = Stopwatch.StartNew();

var outage = Task.Run(async () =>
{
    while (Volatile.Read(ref done) < total / 2) await Task.Delay(50);
    azurite.Pause();
    Interlocked.Exchange(ref outageFrom, run.ElapsedMilliseconds);
    Console.WriteLine($"storage paused at {run.Elapsed.TotalSeconds:0.0}s ({done} turns done)");
    await Task.Delay(TimeSpan.FromSeconds(outageSeconds));
    azurite.Resume();
    Interlocked.Exchange(ref outageTo, run.ElapsedMilliseconds);
    Console.WriteLine($"storage resumed at {run.Elapsed.TotalSeconds:0.0}s");
});

var marker = 0;
await Task.WhenAll(people.Select((p, index) => Task.Run(async () =>
{
    JObject? form = null;
    for (var t = 0; t < turnsPerUser; t++)
    {
        var kind = ((index + t) % 10) switch
        {
            < 4 => "question",
            4 or 5 => "form",
            6 or 7 => form is null ? "form" : "submit",
            8 => "mine",
            _ => index < admins.Count ? "admin" : "question",
        };
        await gate.WaitAsync();
        var started = run.ElapsedMilliseconds;
        var watch = Stopwatch.StartNew();
        string outcome;
        try
        {
            switch (kind)
            {
                case "question":
                    outcome = Classify(BotClient.AllText(await bot.SayAsync(questions[(index + t) % questions.Length], p.User)), "answer");
                    break;
                case "form":
                    var replies = await bot.SayAsync("填报", p.User);
                    var card = replies.SelectMany(BotClient.Cards).FirstOrDefault();
                    if (card?.SelectToken("actions[0].verb")?.ToString() == "report.submit") { form = card; outcome = "ok"; }
                    else outcome = Classify(BotClient.AllText(replies), "form");
                    break;
                case "submit":
                    var id = Interlocked.Increment(ref marker);
                    var result = await bot.ExecuteAsync("report.submit", Submission(form!, id), p.User);
                    var text = result.Card is { } c ? BotClient.CardText(c) : result.Message ?? "";
                    if (text.Contains("✅ 已提交")) { acknowledged.Add((p.Unit.Id, id)); outcome = "ok"; form = null; }
                    else if (text.Contains("在您填写期间")) { outcome = "conflict"; form = result.Card; } // a colleague saved first: shown, not lost
                    else outcome = Classify(text, "receipt");
                    break;
                case "mine":
                    outcome = Classify(BotClient.AllText(await bot.SayAsync("我的填报", p.User)), "view");
                    break;
                default:
                    outcome = Classify(BotClient.AllText(await bot.SayAsync(adminViews[t % adminViews.Length], p.User)), "view");
                    break;
            }
        }
        catch (Exception e)
        {
            outcome = "exception:" + e.GetType().Name;
        }
        finally
        {
            gate.Release();
        }
        results.Add(new Turn(kind, started, run.ElapsedMilliseconds, watch.Elapsed, outcome));
        Interlocked.Increment(ref done);
    }
})));
await outage;
run.Stop();

// A turn overlaps the outage if it was under way at any moment while storage was frozen.
bool During(Turn t) => t.Ended >= outageFrom && t.Started <= outageTo;
var inside = results.Where(During).ToList();
var outside = results.Where(t => !During(t)).ToList();
bool Error(Turn t) => t.Outcome is not ("ok" or "conflict");
double P(IEnumerable<Turn> turns, double q)
{
    var sorted = turns.Select(t => t.Took.TotalMilliseconds).OrderBy(x => x).ToList();
    return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}

// Every acknowledged submission must be in the table's append-only history.
var figures = app.Service<MonthlyFiguresStore>();
var missing = 0;
foreach (var unit in acknowledged.GroupBy(a => a.UnitId))
{
    var history = await figures.HistoryAsync(new ReportingMonth(2023, 3), unit.Key);
    var stored = history.Select(h => h.After.GetValueOrDefault("domesticCapital")).ToHashSet();
    missing += unit.Count(a => !stored.Contains(a.Marker));
}

Console.WriteLine($"users {users} × turns {turnsPerUser} = {results.Count} turns in {run.Elapsed.TotalSeconds:0.0}s ({results.Count / run.Elapsed.TotalSeconds:0} turns/s, {parallel} in flight)");
Console.WriteLine($"outside the outage: {outside.Count} turns, errors {outside.Count(Error)}; p50 {P(outside, 0.50):0} ms, p99 {P(outside, 0.99):0} ms, max {P(outside, 1):0} ms");
Console.WriteLine($"during the {outageSeconds}s outage: {inside.Count} turns; slower than 5 s: {inside.Count(t => t.Took > patience)}; p50 {P(inside, 0.50):0} ms, p99 {P(inside, 0.99):0} ms, max {P(inside, 1):0} ms");
foreach (var g in inside.GroupBy(t => (t.Kind, t.Outcome)).OrderBy(g => g.Key.Kind))
    Console.WriteLine($"  during: {g.Key.Kind,-8} {g.Key.Outcome,-22} {g.Count()}");
foreach (var g in outside.Where(Error).GroupBy(t => (t.Kind, t.Outcome)))
    Console.WriteLine($"  ERROR outside: {g.Key.Kind} {g.Key.Outcome} ×{g.Count()}");
Console.WriteLine($"by kind (all): " + string.Join(", ", results.GroupBy(t => t.Kind).Select(g => $"{g.Key} {g.Count()} p50 {P(g, 0.5):0}/p99 {P(g, 0.99):0} ms")));
Console.WriteLine($"submissions acknowledged as saved: {acknowledged.Count}; conflicts shown: {results.Count(t => t.Outcome == "conflict")}; missing from the table: {missing}");
return outside.Count(Error) == 0 && inside.All(t => t.Took <= patience) && missing == 0 ? 0 : 1;

int Arg(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v && int.TryParse(v, out var n) ? n : fallback;

// What the user read: the expected content, or which honest storage message (or anything else) they got instead.
static string Classify(string text, string expected) => text switch
{
    _ when text.Contains("尚未保存任何内容") => "storage:not-saved",
    _ when text.Contains("无法确认是否已保存") => "storage:unknown",
    _ when text.Contains("已保存，但回复失败") => "storage:saved-no-reply",
    _ when text.Contains("出错") => "error-text",
    _ when text.Trim().Length == 0 => "empty",
    _ => "ok",
};

static JObject Submission(JObject card, int marker)
{
    var data = (JObject)card.SelectToken("actions[0].data")!.DeepClone();
    foreach (var input in card.SelectTokens("$..body[?(@.type == 'Input.Text')]"))
        data[input.Value<string>("id")!] = "1";
    data["m_domesticCapital"] = marker.ToString();
    return data;
}

sealed record Turn(string Kind, long Started, long Ended, TimeSpan Took, string Outcome);
