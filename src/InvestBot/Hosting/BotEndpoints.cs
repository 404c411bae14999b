using InvestBot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.IdentityModel.Tokens;

namespace InvestBot.Hosting;

public static class BotEndpoints
{
    public static void MapInvestBot(this WebApplication app)
    {
        app.MapPost("/api/messages", async (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot,
            ILogger<IBot> logger, CancellationToken ct) =>
        {
            try
            {
                await adapter.ProcessAsync(request, response, bot, ct);
            }
            catch (SecurityTokenException e) when (!response.HasStarted)
            {
                // The adapter answers a missing or unknown token with 401 itself, but lets a bad signature or
                // lifetime escape as an IdentityModel exception (a 500). Those are 401s too.
                logger.LogWarning("Rejected a request with an invalid token: {Reason}", e.GetType().Name);
                response.StatusCode = StatusCodes.Status401Unauthorized;
            }
        });

        app.MapGet("/healthz", async (StorageHealth health, CancellationToken ct) =>
        {
            var (healthy, detail) = await health.CheckAsync(ct);
            return healthy
                ? Results.Ok(new { status = "ok", storage = detail })
                : Results.Json(new { status = "unavailable", storage = detail }, statusCode: StatusCodes.Status503ServiceUnavailable);
        });

        app.MapGet("/", () => Results.Text("InvestBot 正在运行。Teams 消息端点：POST /api/messages；健康检查：GET /healthz", "text/plain; charset=utf-8"));
    }
}
