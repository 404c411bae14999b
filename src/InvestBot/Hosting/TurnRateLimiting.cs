using System.Threading.RateLimiting;
using InvestBot.Common;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace InvestBot.Hosting;

/// <summary>
/// Turns per user on /api/messages, with ASP.NET Core's rate limiter: one token bucket per (tenant, AAD object id) of the
/// activity that <see cref="IncomingActivityMiddleware"/> read. Over the limit: 429 with Retry-After and a Chinese
/// message; the turn never reaches the bot or storage.
/// </summary>
public static class TurnRateLimiting
{
    public const string Policy = "teams-turns";
    public const string OverLimit = "您的操作过于频繁，请稍等片刻再试。";

    public static IServiceCollection AddTurnRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<TrustBoundaryOptions>>().Value.RateLimit;
                return RateLimitPartition.GetTokenBucketLimiter(UserKey(context), _ => Bucket(limit));
            });
            o.OnRejected = async (rejected, ct) =>
            {
                var context = rejected.HttpContext;
                context.RequestServices.GetRequiredService<InvestBotMetrics>().Refused("rate");
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TurnRateLimiting).FullName!)
                    .LogWarning("Rate limit: refused a turn of {User}, trace {TraceId}", UserKey(context), context.TraceIdentifier);
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.Response.WriteAsJsonAsync(new { error = "too many requests", message = OverLimit }, ct);
            };
        });
        return services;
    }

    private static TokenBucketRateLimiterOptions Bucket(TurnRateLimit limit)
    {
        var perMinute = Math.Max(1, limit.PerMinute);
        // At most one refill a second: the partitioned limiter refills on a coarse timer.
        var (period, tokens) = perMinute >= 60 ? (TimeSpan.FromSeconds(1), perMinute / 60) : (TimeSpan.FromSeconds(60.0 / perMinute), 1);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, limit.Burst),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>The person behind the turn; an activity without an AAD object id is keyed by its channel id (and refused later).</summary>
    private static string UserKey(HttpContext context) => IncomingActivityMiddleware.TryActivityOf(context) is { } activity
        ? activity.From?.AadObjectId is { Length: > 0 } aad
            ? $"{activity.Conversation?.TenantId}|{aad}"
            : $"from|{activity.From?.Id}"
        : "ip|" + context.Connection.RemoteIpAddress;
}
