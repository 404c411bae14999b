using Xunit;

namespace InvestBot.Tests.EndToEnd;

/// <summary>
/// Base for end-to-end tests: a fresh stack per test (own Azurite folder and table prefix), the
/// Playground opened in Chromium, and on failure a screenshot plus what the processes logged.
/// </summary>
[Collection(EndToEndCollection.Name)]
public abstract class PlaygroundTest(ChromiumFixture chromium) : IAsyncLifetime
{
    protected PlaygroundStack Stack { get; private set; } = null!;

    /// <summary>Who the browser acts as; by default 王主任, a 区合作交流办 admin.</summary>
    protected virtual PlaygroundUser CurrentUser => PlaygroundConfig.Admin;

    protected virtual IEnumerable<string> Admins => new[] { PlaygroundConfig.Admin.AadObjectId };

    protected virtual IReadOnlyDictionary<string, string?> BotSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync() =>
        Stack = await PlaygroundStack.StartAsync(PlaygroundConfig.WithCurrentUser(CurrentUser), Admins, BotSettings);

    public async Task DisposeAsync() => await Stack.DisposeAsync();

    private readonly List<PlaygroundPage> _otherClients = new();

    /// <summary>Opens the Playground and runs the journey; a failure carries a screenshot path and the logs.</summary>
    protected async Task InPlaygroundAsync(Func<PlaygroundPage, Task> journey, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        var ui = await PlaygroundPage.OpenAsync(chromium.Browser, Stack);
        try
        {
            await journey(ui);
        }
        catch (Exception e)
        {
            var shot = Path.Combine(AppContext.BaseDirectory, $"e2e-{name}.png");
            await ui.ScreenshotAsync(shot);
            for (var i = 0; i < _otherClients.Count; i++)
                await _otherClients[i].ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, $"e2e-{name}-other{i + 1}.png"));
            throw new Exception($"{e.Message}\nscreenshot: {shot}\n{Stack.Diagnostics()}", e);
        }
        finally
        {
            foreach (var other in _otherClients) await other.Page.Context.CloseAsync();
            await ui.Page.Context.CloseAsync();
        }
    }

    /// <summary>Another person's Teams client (a second Playground on the same bot), opened in its own browser context.</summary>
    protected async Task<PlaygroundPage> OpenClientOfAsync(PlaygroundUser user)
    {
        var url = await Stack.StartAnotherPlaygroundAsync(PlaygroundConfig.WithCurrentUser(user));
        var page = await PlaygroundPage.OpenAsync(chromium.Browser, url);
        _otherClients.Add(page);
        return page;
    }
}
