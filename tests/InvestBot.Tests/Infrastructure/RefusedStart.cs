namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// The bot as deployed (Production, its own process) given settings it must refuse: a refused start is the process
/// ending with the reason, which an in-process test host reports only sometimes (its start failure can surface as a
/// disposed host instead).
/// </summary>
public static class RefusedStart
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string name, IReadOnlyDictionary<string, string?> settings)
    {
        var azurite = await AzuriteServer.Shared;
        var dir = AppContext.BaseDirectory;
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["InvestBot__StorageConnectionString"] = azurite.ConnectionString,
            ["InvestBot__TablePrefix"] = TestTables.NewPrefix(),
        };
        foreach (var (key, value) in settings) environment[key] = value;
        await using var bot = EndToEnd.ChildProcess.Start(name, "dotnet",
            [Path.Combine(dir, "InvestBot.dll"), "--urls", $"http://127.0.0.1:{AzuriteServer.FreePort()}", "--contentRoot", dir], dir, environment);

        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await bot.Process.WaitForExitAsync(exit.Token);
        bot.Process.WaitForExit(); // and for the last lines of its output to be read
        return (bot.Process.ExitCode, bot.Output);
    }
}
