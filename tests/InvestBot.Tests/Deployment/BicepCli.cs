using System.Diagnostics;
using System.Reflection;

namespace InvestBot.Tests.Deployment;

/// <summary>The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (restored by the test project).</summary>
public static class BicepCli
{
    public static string Path { get; } = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepCli").Value!;

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static readonly Lazy<Task<Newtonsoft.Json.Linq.JObject>> Main = new(async () =>
    {
        var build = await RunAsync("build", System.IO.Path.Combine(Infrastructure.RepoPaths.Root, "infra", "main.bicep"), "--stdout");
        if (build.ExitCode != 0) throw new InvalidOperationException("infra/main.bicep does not compile:\n" + build.Stderr);
        return Newtonsoft.Json.Linq.JObject.Parse(build.Stdout);
    });

    /// <summary>infra/main.bicep compiled to ARM JSON, once per test run.</summary>
    public static Task<Newtonsoft.Json.Linq.JObject> CompiledMainAsync() => Main.Value;

    public static async Task<Result> RunAsync(params string[] args)
    {
        if (!File.Exists(Path)) throw new FileNotFoundException($"{Path} is missing: dotnet restore brings it (PackageDownload).");
        // NuGet may extract the native binary without its execute bit.
        if (!File.GetUnixFileMode(Path).HasFlag(UnixFileMode.UserExecute))
            File.SetUnixFileMode(Path, File.GetUnixFileMode(Path) | UnixFileMode.UserExecute);
        var psi = new ProcessStartInfo(Path, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // No telemetry, no update check, no network: this machine has none.
            Environment = { ["BICEP_TELEMETRY_ENABLED"] = "false", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
