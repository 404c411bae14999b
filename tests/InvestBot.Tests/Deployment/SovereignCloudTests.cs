using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InvestBot.Conversations;
using InvestBot.Announcements;
using InvestBot.Tests.Foundation;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Deployment;

/// <summary>
/// Sovereign clouds (Azure operated by 21Vianet): the Bot Framework endpoints are configuration. A loopback token service
/// stands in for the cloud's login and OpenID endpoints, the loopback connector for its Bot Connector.
/// </summary>
[Trait("Category", "Http")]
public sealed class SovereignCloudTests
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string Tenant = "66666666-7777-8888-9999-000000000000";
    private const string ChannelScope = "https://api.botframework.example.cn";

    private static Dictionary<string, string?> SingleTenantIn(LoopbackTokenService cloud)
    {
        var settings = cloud.BotSettings(AppId);
        settings["MicrosoftAppType"] = "SingleTenant";
        settings["MicrosoftAppTenantId"] = Tenant;
        settings["ToChannelFromBotLoginUrl"] = cloud.BaseUrl + Tenant;
        settings["ToChannelFromBotOAuthScope"] = ChannelScope;
        settings["InvestBot:Ranking:WorkerEnabled"] = "false";
        return settings;
    }

    [Fact]
    public async Task The_bot_signs_in_at_the_configured_login_url_for_the_configured_scope_and_calls_the_channel_with_that_token()
    {
        await using var cloud = await LoopbackTokenService.StartAsync();
        await using var connector = await FakeBotConnector.StartAsync();
        await using var app = await BotApp.StartAsync(SingleTenantIn(cloud));

        var result = await app.Service<IAnnouncementSender>().SendAsync(new ConversationRecord
        {
            ConversationId = "19:office@thread.v2", ConversationType = "groupChat", ServiceUrl = connector.ServiceUrl, ChannelId = "msteams",
            TenantId = Tenant, BotId = "28:" + AppId,
        }, new OutgoingMessage(null, "通报测试"), CancellationToken.None);

        Assert.Equal(SendStatus.Sent, result.Status);
        var signIn = Assert.Single(cloud.TokenRequests);
        Assert.Equal(Tenant, signIn.Tenant);
        Assert.Equal((AppId, ChannelScope + "/.default", "client_credentials"),
            (signIn.Form["client_id"], signIn.Form["scope"], signIn.Form["grant_type"]));
        Assert.Equal("Bearer " + LoopbackTokenService.IssuedAccessToken, Assert.Single(connector.PostsTo("19:office@thread.v2")).Authorization);
    }

    [Fact]
    public async Task An_incomplete_identity_stops_the_app_at_startup_naming_the_missing_setting()
    {
        var app = await BotApp.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = AppId, ["MicrosoftAppPassword"] = "secret", ["MicrosoftAppTenantId"] = "",
        });

        var error = Record.Exception(() => app.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("MicrosoftAppTenantId is required for MicrosoftAppType SingleTenant", error.ToString());
        try { await app.DisposeAsync(); } catch (InvalidOperationException) { } // the host never started
    }

    [Fact]
    public async Task Incoming_requests_are_validated_against_the_configured_OpenID_metadata()
    {
        await using var cloud = await LoopbackTokenService.StartAsync();
        await using var app = await BotApp.StartAsync(SingleTenantIn(cloud));
        const string serviceUrl = "https://smba.example.cn/teams/";
        var activity = $$$"""
            {"type":"message","id":"1","text":"帮助","channelId":"msteams","serviceUrl":"{{{serviceUrl}}}","deliveryMode":"expectReplies",
             "from":{"id":"u1","aadObjectId":"aad-1"},"recipient":{"id":"28:bot"},"conversation":{"id":"c1","conversationType":"personal","tenantId":"{{{Tenant}}}"}}
            """;

        async Task<HttpStatusCode> PostAsync(string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return (await app.CreateClient().SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await PostAsync(cloud.Token(AppId, serviceUrl)));
        // Signed by a key the configured metadata does not publish (e.g. the public cloud's): refused.
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(cloud.Token(AppId, serviceUrl, signWith: LoopbackTokenService.NewKey("investbot-test-key"))));
    }
}
