using System.Diagnostics;
using System.Net.Http.Json;
using InvestBot.Tests.EndToEnd;
using InvestBot.Tests.Infrastructure;

namespace InvestBot.Benchmarks.EchoFloor;

/// <summary>
/// A bot server in its own process (InvestBot or the echo bot), started under the test harness's watchdog so it dies
/// with the benchmark. Exposes the server's own process id, for its working set.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly ChildProcess _child;

    private ServerProcess(ChildProcess child, string url)
    {
        _child = child;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The InvestBot app as deployed (Release build next to this benchmark), against the given Azurite.</summary>
    /// <param name="waitForStart">False: return as soon as the process is launched (cold-start timing polls instead).</param>
    public static Task<ServerProcess> StartInvestBotAsync(AzuriteServer azurite, IDictionary<string, string?>? extra = null, bool waitForStart = true)
    {
        var dir = AppContext.BaseDirectory;
        var env = new Dictionary<string, string?>
        {
            // Unauthenticated like the echo bot, which InvestBot allows only in Development (issue 18); the driver's
            // 16 users at full speed are a script, so the per-user rate limit is lifted.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["InvestBot__RateLimit__Burst"] = "100000000",
            ["InvestBot__StorageConnectionString"] = azurite.ConnectionString,
            ["InvestBot__TablePrefix"] = TestTables.NewPrefix(),
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            // No scheduled jobs or delivery loops competing for the two cores during the measurement.
            ["InvestBot__Ranking__WorkerEnabled"] = "false",
            ["InvestBot__Ranking__ScheduleEnabled"] = "false",
            ["InvestBot__Reporting__ReminderCron"] = "",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) env[k] = v;
        // BENCH_IB_X=v sets X=v for InvestBot alone (runtime settings tried on the bot but not on the echo bot,
        // e.g. BENCH_IB_DOTNET_TieredPGO=1 to measure the build's PGO choice the other way).
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (e.Key is string key && key.StartsWith("BENCH_IB_", StringComparison.Ordinal)) env[key["BENCH_IB_".Length..]] = (string?)e.Value;
        return StartAsync("investbot", Path.Combine(dir, "InvestBot.dll"), [], dir, env, waitForStart);
    }

    /// <summary>The echo bot: this executable again, in echo-server mode.</summary>
    public static Task<ServerProcess> StartEchoBotAsync()
    {
        var dir = AppContext.BaseDirectory;
        return StartAsync("echo bot", Path.Combine(dir, "InvestBot.Benchmarks.EchoFloor.dll"), ["echo-server"], dir,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                // The appsettings.json next to it is InvestBot's (SingleTenant); the bare bot runs unauthenticated as shipped samples do.
                ["MicrosoftAppType"] = "MultiTenant", ["MicrosoftAppId"] = "", ["MicrosoftAppPassword"] = "",
            });
    }

    private static async Task<ServerProcess> StartAsync(string name, string dll, string[] args, string dir, IDictionary<string, string?> env,
        bool waitForStart = true)
    {
        var port = AzuriteServer.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var child = ChildProcess.Start(name, "dotnet", [dll, .. args, "--urls", url, "--contentRoot", dir], dir, env.AsReadOnly());
        if (waitForStart) await child.WaitForLineAsync("Application started", TimeSpan.FromSeconds(60));
        return new ServerProcess(child, url);
    }

    /// <summary>The dotnet process under the watchdog shell.</summary>
    public Process Server
    {
        get
        {
            var watchdog = _child.Process.Id;
            var children = File.ReadAllText($"/proc/{watchdog}/task/{watchdog}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return Process.GetProcessById(int.Parse(children[0]));
        }
    }

    /// <summary>Resident memory of the server process, in MB (Linux working set).</summary>
    public double WorkingSetMb
    {
        get
        {
            using var p = Server;
            p.Refresh();
            return p.WorkingSet64 / 1024.0 / 1024.0;
        }
    }

    /// <summary>CPU time the server process has used so far (all threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            using var p = Server;
            return p.TotalProcessorTime;
        }
    }

    public string Tail() => _child.Tail();

    public ValueTask DisposeAsync() => _child.DisposeAsync();
}
