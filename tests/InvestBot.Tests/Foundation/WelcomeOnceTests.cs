using InvestBot.Teams;
using InvestBot.Tests.Infrastructure;
using Microsoft.Bot.Schema;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// Teams sends installationUpdate and conversationUpdate together when the app is added to a chat, in either order and
/// often at the same moment: the chat gets one welcome card, whatever the order and however they overlap.
/// </summary>
[Trait("Category", "Http")]
public sealed class WelcomeOnceTests : IAsyncLifetime
{
    private BotApp _app = null!;
    private BotClient _bot = null!;
    private static readonly TestUser Installer = TestUser.Named("安装人");

    public async Task InitializeAsync()
    {
        _app = await BotApp.StartAsync();
        _bot = _app.Client();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static TestConversation NewChat(string type) => type switch
    {
        "personal" => new TestConversation("a:personal-" + Guid.NewGuid().ToString("N"), "personal"),
        "groupChat" => TestConversation.Group("19:g-" + Guid.NewGuid().ToString("N") + "@thread.v2"),
        _ => TestConversation.Channel("19:c-" + Guid.NewGuid().ToString("N") + "@thread.tacv2"),
    };

    private static int Welcomes(IEnumerable<Activity> replies) =>
        replies.Count(a => a.Summary == BotTexts.WelcomeSummary && BotClient.CardText(BotClient.Cards(a).Single()).Contains(BotTexts.WelcomeTitle));

    [Theory]
    [InlineData("personal")]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task Both_install_events_at_once_welcome_once(string type)
    {
        // Several chats, so an overlap of the two events is all but certain in at least some of them.
        for (var i = 0; i < 6; i++)
        {
            var chat = NewChat(type);
            var both = await Task.WhenAll(
                Task.Run(() => _bot.InstallationUpdateAsync(chat, Installer)),
                Task.Run(() => _bot.InstallAsync(chat, Installer)));
            Assert.Equal(1, Welcomes(both.SelectMany(r => r)));
        }
    }

    [Fact]
    public async Task Either_order_in_sequence_welcomes_once()
    {
        var first = NewChat("groupChat");
        var a = await _bot.InstallationUpdateAsync(first, Installer);
        var b = await _bot.InstallAsync(first, Installer);
        Assert.Equal((1, 0), (Welcomes(a), Welcomes(b)));

        var second = NewChat("groupChat");
        var c = await _bot.InstallAsync(second, Installer);
        var d = await _bot.InstallationUpdateAsync(second, Installer);
        Assert.Equal((1, 0), (Welcomes(c), Welcomes(d)));
    }

    [Fact]
    public async Task Re_added_after_removal_both_events_at_once_welcome_once_more()
    {
        var chat = NewChat("channel");
        await _bot.InstallAsync(chat, Installer);
        await _bot.UninstallAsync(chat, Installer);

        var both = await Task.WhenAll(
            Task.Run(() => _bot.InstallAsync(chat, Installer)),
            Task.Run(() => _bot.InstallationUpdateAsync(chat, Installer)));

        Assert.Equal(1, Welcomes(both.SelectMany(r => r)));
    }
}
