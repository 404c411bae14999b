using InvestBot.Tests.Infrastructure;

namespace InvestBot.Tests.EndToEnd;

/// <summary>
/// The whole local stack an office user would run, one fresh copy per test: a real Azurite with its
/// own folder, the built bot as a real process on a free port, and the Microsoft 365 Agents Playground
/// pointed at it. Nothing is shared between tests, so the suite can run twice in a row.
/// </summary>
public sealed class PlaygroundStack : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = new();
    private readonly string _workDir;

    private PlaygroundStack(string workDir) => _workDir = workDir;

    public required AzuriteServer Azurite { get; init; }
    public required ChildProcess Bot { get; init; }
    public required ChildProcess Playground { get; init; }
    public required string PlaygroundUrl { get; init; }
    public required string BotUrl { get; init; }
    public required int BotPort { get; init; }
    public required string TablePrefix { get; init; }

    /// <summary>Stands for the bot's address in bot settings; replaced once the port is chosen.</summary>
    public const string BotUrlPlaceholder = "{BotUrl}";

    /// <param name="config">the mock Teams tenant; the current user is whoever the browser acts as</param>
    /// <param name="admins">AAD object ids the bot treats as 区合作交流办 admins</param>
    /// <param name="botSettings">extra bot configuration, as environment variables (InvestBot__Xxx)</param>
    public static async Task<PlaygroundStack> StartAsync(PlaygroundConfig config, IEnumerable<string> admins,
        IReadOnlyDictionary<string, string?>? botSettings = null)
    {
        var workDir = Directory.CreateTempSubdirectory("investbot-e2e-").FullName;
        var owned = new List<IAsyncDisposable>();
        try
        {
            var azurite = await AzuriteServer.StartAsync(Path.Combine(workDir, "azurite"));
            owned.Add(azurite);

            var botPort = AzuriteServer.FreePort();
            var prefix = TestTables.NewPrefix();
            var env = new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["InvestBot__StorageConnectionString"] = azurite.ConnectionString,
                ["InvestBot__TablePrefix"] = prefix,
                ["MicrosoftAppId"] = "",
                ["MicrosoftAppPassword"] = "",
                // The Playground's mock tenant is the only one believed, so every journey crosses the tenant check
                // as Teams' activities do.
                ["InvestBot__AllowedTenants__0"] = PlaygroundConfig.TenantId,
                // The journeys press buttons at a script's pace; the per-user limit has its own HTTP tests.
                ["InvestBot__RateLimit__Burst"] = "100000",
                ["Logging__LogLevel__Default"] = "Information",
            };
            var i = 0;
            foreach (var admin in admins) env[$"InvestBot__Admins__{i++}"] = admin;
            // "{BotUrl}" in a setting is the bot's own address (e.g. the public base URL of export links).
            foreach (var (key, value) in botSettings ?? new Dictionary<string, string?>())
                env[key] = value?.Replace(BotUrlPlaceholder, $"http://127.0.0.1:{botPort}");

            // The test project references the bot, so the built bot sits next to the tests.
            var botDir = AppContext.BaseDirectory;
            var bot = ChildProcess.Start("bot", "dotnet",
                new[] { Path.Combine(botDir, "InvestBot.dll"), "--urls", $"http://127.0.0.1:{botPort}", "--contentRoot", botDir },
                botDir, env);
            owned.Add(bot);
            await bot.WaitForLineAsync("Application started", TimeSpan.FromSeconds(60));

            var (playground, playgroundUrl) = await StartPlaygroundAsync(config, botPort, Path.Combine(workDir, "playground"));
            owned.Add(playground);

            var stack = new PlaygroundStack(workDir)
            {
                Azurite = azurite,
                Bot = bot,
                Playground = playground,
                PlaygroundUrl = playgroundUrl,
                BotPort = botPort,
                BotUrl = $"http://127.0.0.1:{botPort}",
                TablePrefix = prefix,
            };
            stack._owned.AddRange(owned);
            return stack;
        }
        catch
        {
            foreach (var item in Enumerable.Reverse(owned)) await item.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Another person's Teams client on the same bot: a second Playground whose current user is <paramref name="config"/>'s.
    /// Returns its URL; it stops with the stack.
    /// </summary>
    public async Task<string> StartAnotherPlaygroundAsync(PlaygroundConfig config)
    {
        var (playground, url) = await StartPlaygroundAsync(config, BotPort, Path.Combine(_workDir, "playground-" + config.CurrentUser.Id));
        _owned.Add(playground);
        return url;
    }

    private static async Task<(ChildProcess Process, string Url)> StartPlaygroundAsync(PlaygroundConfig config, int botPort, string dir)
    {
        Directory.CreateDirectory(dir);
        var pgPort = AzuriteServer.FreePort();
        var configPath = Path.Combine(dir, ".m365agentsplayground.yml");
        await File.WriteAllTextAsync(configPath, config.ToYaml());
        var playground = ChildProcess.Start("agents playground", RepoPaths.NodeTool("agentsplayground"),
            new[] { "start", "-e", $"http://127.0.0.1:{botPort}/api/messages", "-c", "msteams", "-p", pgPort.ToString() },
            dir,
            new Dictionary<string, string?>
            {
                ["TEAMSAPPTESTER_BROWSER"] = "none", // otherwise it exits trying to open a browser
                ["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = configPath,
            });
        try
        {
            await playground.WaitForLineAsync($"Listening on {pgPort}", TimeSpan.FromSeconds(60));
            await AzuriteServer.WaitForPortAsync(pgPort, playground.Process, TimeSpan.FromSeconds(30));
            return (playground, $"http://localhost:{pgPort}");
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the processes said, for failure messages.</summary>
    public string Diagnostics() =>
        $"--- bot ---\n{Bot.Tail()}\n--- playground ---\n{Playground.Tail(20)}\n--- playground log ---\n{PlaygroundLogTail()}";

    private string PlaygroundLogTail()
    {
        var log = Path.Combine(_workDir, "playground", "devTools", "m365agentsplayground.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : "(none)";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(_owned)) await item.DisposeAsync();
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
