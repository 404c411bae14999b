using Xunit;

namespace InvestBot.Tests.Infrastructure;

/// <summary>A test class with its own app (default settings, its own tables) and a client talking to it.</summary>
public abstract class BotAppTest : IAsyncLifetime
{
    protected BotApp App { get; private set; } = null!;
    protected BotClient Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await BotApp.StartAsync();
        Bot = App.Client();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
