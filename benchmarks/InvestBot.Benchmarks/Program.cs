using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using InvestBot.Benchmarks;

// dotnet run -c Release --project benchmarks/InvestBot.Benchmarks -- --filter '*'
// One iteration = one question (invocation count 1), so the iteration statistics are per-question latencies.
// In-process, so the accuracy measured in the setup reaches the summary column.
// WebApplicationFactory finds the app's content root through this variable when the manifest the test
// project gets is absent (this is not a test project).
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INVESTBOT",
    Path.Combine(InvestBot.Tests.Infrastructure.RepoPaths.Root, "src", "InvestBot"));
var job = Job.Default
    .WithStrategy(RunStrategy.Monitoring)
    .WithLaunchCount(1)
    .WithWarmupCount(20)
    .WithIterationCount(InvestBot.Tests.Knowledge.LabelledQuestions.Load().Count) // each labelled question once
    .WithInvocationCount(1)
    .WithUnrollFactor(1)
    .WithToolchain(InProcessEmitToolchain.Instance);
var config = DefaultConfig.Instance
    .AddJob(job)
    .AddColumn(new PercentileColumn(50), new PercentileColumn(99), new AccuracyColumn())
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(QuestionAnsweringBenchmark).Assembly).Run(args, config);
