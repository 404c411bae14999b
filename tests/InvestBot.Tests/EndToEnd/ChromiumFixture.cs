using Xunit;
using Microsoft.Playwright;

namespace InvestBot.Tests.EndToEnd;

/// <summary>
/// One Debian Chromium for all end-to-end tests (Playwright's own browser download does not work
/// here). Each test still gets its own browser context, so no cookies or storage leak between tests.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("INVESTBOT_CHROMIUM") is { Length: > 0 } custom ? custom : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new FileNotFoundException($"{ExecutablePath} is missing: run scripts/setup.sh --with-browser first.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-background-networking" },
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>End-to-end tests share the browser and run one at a time: each starts a whole stack.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "End to end";
}
