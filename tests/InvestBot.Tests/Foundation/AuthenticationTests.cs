using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InvestBot.Tests.Infrastructure;
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

    [Fact]
    public async Task With_an_app_id_a_forged_token_is_rejected_with_401()
    {
        await using var app = await BotApp.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
        });
        var http = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(Activity, Encoding.UTF8, "application/json"),
        };
        // A syntactically valid JWT signed by nobody Bot Framework trusts.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIiwiYXVkIjoiMTExMTExMTEtMjIyMi0zMzMzLTQ0NDQtNTU1NTU1NTU1NTU1In0.c2lnbmF0dXJl");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
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
