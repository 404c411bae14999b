using System.Net;
using System.Security.Claims;
using System.Net.Http.Headers;
using System.Text;
using InvestBot.Hosting;
using InvestBot.Teams;
using InvestBot.Tests.Infrastructure;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InvestBot.Tests.Foundation;

[Trait("Category", "Http")]
public sealed class AuthenticationTests
{
    private const string Activity = """
        {"type":"message","id":"1","text":"帮助","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/cn/",
         "from":{"id":"u1","aadObjectId":"aad-1"},"recipient":{"id":"28:bot"},"conversation":{"id":"c1","conversationType":"personal"},
         "deliveryMode":"expectReplies"}
        """;

    [Fact]
    public async Task With_an_app_id_a_request_without_a_token_is_rejected_with_401()
    {
        await using var app = await BotApp.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["MicrosoftAppType"] = "MultiTenant",
        });
        var http = app.CreateClient();

        var response = await http.PostAsync("/api/messages", new StringContent(Activity, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/cn/";

    [Fact]
    public async Task With_an_app_id_a_token_signed_by_an_unpublished_key_is_rejected_with_401()
    {
        await using var tokens = await LoopbackTokenService.StartAsync();
        await using var app = await BotApp.StartAsync(tokens.BotSettings(AppId));

        var forged = tokens.Token(AppId, ServiceUrl, signWith: LoopbackTokenService.NewKey("investbot-test-key"));
        var response = await PostWithTokenAsync(app, forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task With_an_app_id_a_token_for_another_bot_is_rejected_with_401()
    {
        await using var tokens = await LoopbackTokenService.StartAsync();
        await using var app = await BotApp.StartAsync(tokens.BotSettings(AppId));

        var response = await PostWithTokenAsync(app, tokens.Token("99999999-2222-3333-4444-555555555555", ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task With_an_app_id_a_token_for_another_service_url_is_rejected_with_401()
    {
        await using var tokens = await LoopbackTokenService.StartAsync();
        await using var app = await BotApp.StartAsync(tokens.BotSettings(AppId));

        var response = await PostWithTokenAsync(app, tokens.Token(AppId, "https://attacker.example/"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task With_an_app_id_a_valid_Bot_Framework_token_is_answered_with_the_help_card()
    {
        await using var tokens = await LoopbackTokenService.StartAsync();
        await using var app = await BotApp.StartAsync(tokens.BotSettings(AppId));

        var response = await PostWithTokenAsync(app, tokens.Token(AppId, ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("InvestBot 使用帮助", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_valid_token_is_validated_once_per_turn_by_the_trust_boundary_and_the_reply_still_goes_out()
    {
        await using var tokens = await LoopbackTokenService.StartAsync();
        var counting = new List<CountingAuthentication>();
        await using var app = await BotApp.StartAsync(tokens.BotSettings(AppId), services => services.AddSingleton<BotFrameworkAuthentication>(sp =>
        {
            var auth = new CountingAuthentication(new ReusedClientsAuthentication(BotAuthenticationSettings.Create(sp)));
            counting.Add(auth);
            return auth;
        }));

        var response = await PostWithTokenAsync(app, tokens.Token(AppId, ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("InvestBot 使用帮助", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, Assert.Single(counting).Requests);
    }

    /// <summary>The bot's authentication, counting the inbound requests it validates.</summary>
    private sealed class CountingAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
    {
        private int _requests;
        public int Requests => _requests;

        public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Microsoft.Bot.Schema.Activity activity, string authHeader, CancellationToken ct)
        {
            Interlocked.Increment(ref _requests);
            return inner.AuthenticateRequestAsync(activity, authHeader, ct);
        }

        public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken ct) =>
            inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, ct);
        public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken ct) => inner.AuthenticateChannelRequestAsync(authHeader, ct);
        public override string GetOriginatingAudience() => inner.GetOriginatingAudience();
        public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();
        public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity identity) => inner.CreateConnectorFactory(identity);
        public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity identity, CancellationToken ct) => inner.CreateUserTokenClientAsync(identity, ct);
    }

    private static Task<HttpResponseMessage> PostWithTokenAsync(BotApp app, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(Activity, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task Without_an_app_id_local_requests_are_answered()
    {
        await using var app = await BotApp.StartAsync();
        var http = app.CreateClient();

        var response = await http.PostAsync("/api/messages", new StringContent(Activity, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("InvestBot 使用帮助", await response.Content.ReadAsStringAsync());
    }
}
