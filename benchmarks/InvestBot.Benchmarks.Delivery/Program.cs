using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using InvestBot.Benchmarks.Delivery;

// dotnet run -c Release --project benchmarks/InvestBot.Benchmarks.Delivery -- --filter '*'
// One iteration = one announcement delivered to 1,000 subscribed conversations (invocation count 1).
// In-process, so the lower bound computed in the setup reaches the ratio column.
// WebApplicationFactory finds the app's content root through this variable (this is not a test project).
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INVESTBOT",
    Path.Combine(InvestBot.Tests.Infrastructure.RepoPaths.Root, "src", "InvestBot"));
var iterations = int.TryParse(Environment.GetEnvironmentVariable("DELIVERY_ITERATIONS"), out var n) ? n : 3;
var job = Job.Default
    .WithStrategy(RunStrategy.Monitoring)
    .WithLaunchCount(1)
    .WithWarmupCount(0)
    .WithIterationCount(iterations)
    .WithInvocationCount(1)
    .WithUnrollFactor(1)
    .WithToolchain(InProcessEmitToolchain.Instance);
var config = DefaultConfig.Instance
    .AddJob(job)
    .AddColumn(new LowerBoundColumn(), new RatioToLowerBoundColumn())
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(DeliveryBenchmark).Assembly).Run(args, config);
