using InvestBot.Common;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace InvestBot.Hosting;

/// <summary>
/// The front of POST /api/messages, before the rate limiter and the adapter: a body over the limit is refused with 413
/// before it is read into memory (by its Content-Length, or as soon as a chunked body passes the limit); a body that is
/// not an activity Teams would send gets 400 without the parser's words; an activity from outside Teams or the
/// office's tenant gets 403, one without a valid Bot Framework token 401. Each refusal is one log line (and a metric), with no reply and no storage write.
/// </summary>
public sealed class IncomingActivityMiddleware(
    RequestDelegate next,
    TeamsBoundary boundary,
    Microsoft.Bot.Connector.Authentication.BotFrameworkAuthentication authentication,
    IOptions<TrustBoundaryOptions> options,
    InvestBotMetrics metrics,
    ILogger<IncomingActivityMiddleware> log)
{
    private const string ItemKey = "InvestBot.Activity";
    private const string AuthenticatedKey = "InvestBot.Authenticated";

    /// <summary>The activity this middleware read and let through.</summary>
    public static Activity ActivityOf(HttpContext context) => (Activity)context.Items[ItemKey]!;

    /// <summary>What the token check found for the activity (the caller, the connector for replies): the adapter runs the turn with it.</summary>
    public static Microsoft.Bot.Connector.Authentication.AuthenticateRequestResult AuthenticationOf(HttpContext context) =>
        (Microsoft.Bot.Connector.Authentication.AuthenticateRequestResult)context.Items[AuthenticatedKey]!;

    public static Activity? TryActivityOf(HttpContext context) => context.Items.TryGetValue(ItemKey, out var a) ? a as Activity : null;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var max = options.Value.MaxRequestBytes;
        if (request.ContentLength > max)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "too large", $"Content-Length {request.ContentLength}");
            return;
        }
        using var body = new MemoryStream();
        if (!await CopyAtMostAsync(request.Body, body, max, context.RequestAborted))
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "too large", $"body over {max} bytes");
            return;
        }
        body.Position = 0;
        var (activity, problem, claimed) = IncomingActivityCheck.Read(body);
        if (problem is not null)
        {
            // The reason is logged, never returned: a parser's message can quote the body back.
            log.LogWarning("Rejected a malformed activity ({Problem}): {Claimed}, trace {TraceId}", problem, claimed ?? "-", context.TraceIdentifier);
            metrics.Refused("malformed");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = "malformed activity" });
            return;
        }
        if (boundary.Refusal(activity!) is { } reason)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, reason,
                $"channel {Clip(activity!.ChannelId)}, tenant {Clip(activity.Conversation?.TenantId)}, type {Clip(activity.Type)}");
            return;
        }
        // The token is checked here, once, before the rate limiter, so that the limiter only ever counts turns of
        // people Teams vouched for: a forged request naming a victim's id cannot use up the victim's turns. The adapter
        // runs the turn with this result instead of checking again.
        try
        {
            context.Items[AuthenticatedKey] =
                await authentication.AuthenticateRequestAsync(activity!, request.Headers.Authorization.ToString(), context.RequestAborted);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or Microsoft.IdentityModel.Tokens.SecurityTokenException)
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "token", e.GetType().Name);
            return;
        }
        context.Items[ItemKey] = activity;
        await next(context);
    }

    private async Task RefuseAsync(HttpContext context, int status, string reason, string detail)
    {
        log.LogWarning("Refused a request to /api/messages ({Reason}): {Detail}, trace {TraceId}", reason, detail, context.TraceIdentifier);
        metrics.Refused(reason);
        context.Response.StatusCode = status;
        // Tell the client not to send the rest of an over-long body on this connection.
        if (status == StatusCodes.Status413PayloadTooLarge) context.Response.Headers.Connection = "close";
        await context.Response.WriteAsJsonAsync(new { error = reason });
    }

    /// <returns>false when the body is longer than <paramref name="max"/>; no more than max + 1 bytes are ever read.</returns>
    private static async Task<bool> CopyAtMostAsync(Stream source, MemoryStream target, int max, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, max + 1L - target.Length)), ct);
            if (read == 0) return true;
            target.Write(buffer, 0, read);
            if (target.Length > max) return false;
        }
    }

    private static string Clip(string? text) => text is null ? "-" : text.Length > 60 ? text[..60] + "…" : text;
}
