using System.Net;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Foundation;

[Trait("Category", "Http")]
public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_is_200_when_storage_answers()
    {
        await using var app = await BotApp.StartAsync();
        var response = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_is_503_when_storage_does_not_answer()
    {
        var deadPort = AzuriteServer.FreePort(); // nothing listens there
        await using var app = await BotApp.StartAsync(new Dictionary<string, string?>
        {
            ["InvestBot:StorageConnectionString"] =
                "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                $"TableEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;",
        });

        var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync());
    }
}
