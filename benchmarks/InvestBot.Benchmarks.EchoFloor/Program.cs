using InvestBot.Benchmarks.EchoFloor;
using InvestBot.Tests.Infrastructure;

// dotnet run -c Release --project benchmarks/InvestBot.Benchmarks.EchoFloor -- [floor|stages|submit|startup|all]
// floor:   InvestBot and a bare Bot Framework echo bot side by side, 16 concurrent users over HTTP (expectReplies)
// stages:  where one question spends its CPU, stage by stage, in-process
// submit:  100 form submits after warm-up on Azurite: p50/p99 and storage round trips per submit
// startup: cold start to the first answered question, working set after 10,000 questions
// (echo-server is how the benchmark starts the echo bot in its own process.)
if (args.FirstOrDefault() == "echo-server")
{
    EchoBotHost.Run(args[1..]);
    return;
}

var mode = args.FirstOrDefault() ?? "all";
if (mode is "answers" or "ask")
{
    // answers: every labelled question's answer, one per line (to diff two versions); ask: the questions on stdin.
    AnswerDump.Print(mode == "ask" ? Console.In.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries) : null);
    return;
}
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INVESTBOT", Path.Combine(RepoPaths.Root, "src", "InvestBot"));
Console.WriteLine($"# InvestBot performance ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version})");
var azurite = await AzuriteServer.Shared;

if (mode is "stages" or "all")
{
    Console.WriteLine("\n## Time per stage of one question (in-process, mean over the labelled set)\n");
    StageBenchmark.Print(StageBenchmark.Run());
}
if (mode is "floor" or "all")
{
    Console.WriteLine("\n## InvestBot against the echo-bot floor\n");
    FloorBenchmark.Print(await FloorBenchmark.RunAsync(azurite));
}
if (mode is "submit" or "all")
{
    Console.WriteLine("\n## Form submit on Azurite\n");
    SubmitBenchmark.Print(await SubmitBenchmark.RunAsync());
}
if (mode is "startup" or "all")
{
    Console.WriteLine("\n## Cold start and memory\n");
    StartupBenchmark.Print(await StartupBenchmark.RunAsync(azurite));
}
