using InvestBot.Storage;
using InvestBot.Teams;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.IdentityModel.Tokens;

namespace InvestBot.Hosting;

public static class BotEndpoints
{
    public const string MessagesPath = "/api/messages";

    public static void MapInvestBot(this WebApplication app)
    {
        // The trust boundary runs before the rate limiter (which keys on the activity's user) and the adapter.
        app.UseWhen(c => HttpMethods.IsPost(c.Request.Method) && c.Request.Path.Equals(MessagesPath, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseMiddleware<IncomingActivityMiddleware>());
        app.UseRateLimiter();

        app.MapPost(MessagesPath, async (HttpContext context, HttpRequest request, HttpResponse response, InvestBotAdapter adapter, IBot bot,
            ILogger<IBot> logger, CancellationToken ct) =>
        {
            var activity = IncomingActivityMiddleware.ActivityOf(context);
            try
            {
                // What CloudAdapter.ProcessAsync does, with the activity and the token the check has already read and
                // validated: the body is parsed once, the token validated once.
                var invokeResponse = await adapter.ProcessAsync(IncomingActivityMiddleware.AuthenticationOf(context), activity!, bot, ct);
                await HttpHelper.WriteResponseAsync(response, invokeResponse);
            }
            catch (UnauthorizedAccessException) when (!response.HasStarted)
            {
                response.StatusCode = StatusCodes.Status401Unauthorized;
            }
            catch (SecurityTokenException e) when (!response.HasStarted)
            {
                // The adapter answers a missing or unknown token with 401 itself, but lets a bad signature or
                // lifetime escape as an IdentityModel exception (a 500). Those are 401s too.
                logger.LogWarning("Rejected a request with an invalid token: {Reason}", e.GetType().Name);
                response.StatusCode = StatusCodes.Status401Unauthorized;
            }
            return Results.Empty;
        }).RequireRateLimiting(TurnRateLimiting.Policy);

        // 200 when every check (storage) is healthy, 503 otherwise; App Service's health check and the runbook use it.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });

        app.MapGet("/", () => Results.Text("InvestBot 正在运行。Teams 消息端点：POST /api/messages；健康检查：GET /healthz", "text/plain; charset=utf-8"));
    }

    /// <summary>{"status":"ok","storage":"storage ok"}: the check's description only, never an exception.</summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["status"] = report.Status == HealthStatus.Healthy ? "ok" : "unavailable",
        }.Concat(report.Entries.Select(e => KeyValuePair.Create(e.Key, e.Value.Description ?? e.Value.Status.ToString())))
         .ToDictionary());
}
