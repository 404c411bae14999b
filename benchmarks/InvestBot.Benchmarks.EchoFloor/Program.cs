using InvestBot.Benchmarks.EchoFloor;
using InvestBot.Tests.Infrastructure;

// dotnet run -c Release --project benchmarks/InvestBot.Benchmarks.EchoFloor -- [floor|stages|submit|startup|all]
// floor:   InvestBot and a bare Bot Framework echo bot side by side, 16 concurrent users over HTTP (expectReplies)
// stages:  where one question spends its CPU, stage by stage, in-process
// submit:  100 form submits after warm-up on Azurite: p50/p99 and storage round trips per submit
// startup: cold start to the first answered question, working set after 10,000 questions
// profile: steady load on one server (investbot|echo, qa|help, seconds) for dotnet-trace to attach to
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

if (mode == "profile")
{
    // profile [investbot|echo] [qa|help] [seconds]: steady load to attach dotnet-trace to (see docs/performance.md).
    await ProfileLoad.RunAsync(azurite, args.ElementAtOrDefault(1) ?? "investbot", args.ElementAtOrDefault(2) ?? "qa",
        int.Parse(args.ElementAtOrDefault(3) ?? "20"));
    return;
}

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
if (mode == "floor-short")
{
    // The layout used before the rounds waited for both servers to be idle: 600-turn rounds back to back.
    Console.WriteLine("\n## InvestBot against the echo-bot floor (short rounds, no settling)\n");
    FloorBenchmark.Print(await FloorBenchmark.RunAsync(azurite, perRound: 600, settle: false));
}
if (mode is "submit" or "all")
{
    Console.WriteLine("\n## Form submit on Azurite\n");
    // submit [warm-up] [measured]: the 20 + 100 by default.
    SubmitBenchmark.Print(mode == "submit" && args.Length >= 3
        ? await SubmitBenchmark.RunAsync(int.Parse(args[1]), int.Parse(args[2]))
        : await SubmitBenchmark.RunAsync());
}
if (mode is "startup" or "all")
{
    Console.WriteLine("\n## Cold start and memory\n");
    StartupBenchmark.Print(await StartupBenchmark.RunAsync(azurite));
}
