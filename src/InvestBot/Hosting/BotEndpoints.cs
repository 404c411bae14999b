using InvestBot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;

namespace InvestBot.Hosting;

public static class BotEndpoints
{
    public static void MapInvestBot(this WebApplication app)
    {
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot, CancellationToken ct) =>
            adapter.ProcessAsync(request, response, bot, ct));

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
