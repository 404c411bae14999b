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
    public static void MapInvestBot(this WebApplication app)
    {
        app.MapPost("/api/messages", async (HttpRequest request, HttpResponse response, InvestBotAdapter adapter, IBot bot,
            ILogger<IBot> logger, CancellationToken ct) =>
        {
            var (activity, problem) = await ReadActivityAsync(request, logger, ct);
            if (problem is not null) return problem;
            try
            {
                // What CloudAdapter.ProcessAsync does, with the activity the check has already read: the body is parsed once.
                var invokeResponse = await adapter.ProcessAsync(request.Headers.Authorization.ToString(), activity!, bot, ct);
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
        });

        // 200 when every check (storage) is healthy, 503 otherwise; App Service's health check and the runbook use it.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });

        app.MapGet("/", () => Results.Text("InvestBot 正在运行。Teams 消息端点：POST /api/messages；健康检查：GET /healthz", "text/plain; charset=utf-8"));
    }

    /// <summary>The activity, or a 400 for a request the adapter should never see (see <see cref="IncomingActivityCheck"/>).</summary>
    private static async Task<(Activity? Activity, IResult? Problem)> ReadActivityAsync(HttpRequest request, ILogger logger, CancellationToken ct)
    {
        // Buffered (as the SDK's own reader does) so that a rejected body can be read again for the reason.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        var (activity, problem, claimed) = IncomingActivityCheck.Read(body);
        if (problem is null) return (activity, null);
        logger.LogWarning("Rejected a malformed activity ({Problem}): {Claimed}, trace {TraceId}",
            problem, claimed ?? "-", request.HttpContext.TraceIdentifier);
        return (null, Results.Json(new { error = "malformed activity", detail = problem }, statusCode: StatusCodes.Status400BadRequest));
    }

    /// <summary>{"status":"ok","storage":"storage ok"}: the check's description only, never an exception.</summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["status"] = report.Status == HealthStatus.Healthy ? "ok" : "unavailable",
        }.Concat(report.Entries.Select(e => KeyValuePair.Create(e.Key, e.Value.Description ?? e.Value.Status.ToString())))
         .ToDictionary());
}
