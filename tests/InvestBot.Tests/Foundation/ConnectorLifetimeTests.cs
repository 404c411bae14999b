using InvestBot.Conversations;
using InvestBot.Announcements;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// The announcement sender keeps one Bot Connector client per service URL; its pooled connections must not live forever,
/// or a DNS change behind the Teams service name is never seen. The loopback connector reports which TCP connection each post came on.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConnectorLifetimeTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeBotConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private async Task<(string? First, string? Second)> TwoPostsApartAsync(string? lifetimeSeconds)
    {
        var settings = new Dictionary<string, string?> { ["InvestBot:Ranking:WorkerEnabled"] = "false" };
        if (lifetimeSeconds is not null) settings["InvestBot:ConnectorConnectionLifetimeSeconds"] = lifetimeSeconds;
        await using var app = await BotApp.StartAsync(settings);
        var sender = app.Service<IAnnouncementSender>();
        var group = new ConversationRecord
        {
            ConversationId = "19:lifetime@thread.v2", ConversationType = "groupChat", ServiceUrl = _connector.ServiceUrl, ChannelId = "msteams",
        };
        Assert.Equal(SendStatus.Sent, (await sender.SendAsync(group, new OutgoingMessage(null, "一"), CancellationToken.None)).Status);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the interval under test: longer than the short lifetime, far shorter than idle timeouts
        Assert.Equal(SendStatus.Sent, (await sender.SendAsync(group, new OutgoingMessage(null, "二"), CancellationToken.None)).Status);
        var posts = _connector.PostsTo(group.ConversationId);
        return (posts[0].ConnectionId, posts[1].ConnectionId);
    }

    [Fact]
    public async Task A_cached_client_opens_a_new_connection_once_the_lifetime_has_passed()
    {
        var (first, second) = await TwoPostsApartAsync("1");

        Assert.NotNull(first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Within_the_lifetime_the_connection_is_reused()
    {
        var (first, second) = await TwoPostsApartAsync(null); // default: five minutes

        Assert.NotNull(first);
        Assert.Equal(first, second);
    }
}
