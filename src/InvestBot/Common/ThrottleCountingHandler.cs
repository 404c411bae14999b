using System.Net;

namespace InvestBot.Common;

/// <summary>Counts 429 answers on every outgoing HttpClient call (the Bot Connector above all: Teams' rate limits).</summary>
public sealed class ThrottleCountingHandler(InvestBotMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            metrics.Throttled(request.RequestUri?.Host ?? "unknown");
        return response;
    }
}
