using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace InvestBot.Storage;

/// <summary>
/// The "storage" health check behind /healthz: Table Storage answers (App Service's health check pings it). The probe's
/// answer is reused for 5 s, so /healthz called in a loop costs storage one request per 5 s, not one per call.
/// </summary>
public sealed class StorageHealthCheck(StorageHealth storage) : IHealthCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _probe = new(1, 1);
    // Monotonic time, not the office clock: demos and tests move or freeze that one.
    private (long At, bool Healthy, string Detail)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var (healthy, detail) = await ProbeAsync(ct);
        return healthy ? HealthCheckResult.Healthy(detail) : HealthCheckResult.Unhealthy(detail);
    }

    private async Task<(bool Healthy, string Detail)> ProbeAsync(CancellationToken ct)
    {
        if (Fresh() is { } cached) return cached;
        // One probe at a time; callers that waited take its answer.
        await _probe.WaitAsync(ct);
        try
        {
            if (Fresh() is { } fresh) return fresh;
            var (healthy, detail) = await storage.CheckAsync(ct);
            _last = (System.Diagnostics.Stopwatch.GetTimestamp(), healthy, detail);
            return (healthy, detail);
        }
        finally
        {
            _probe.Release();
        }
    }

    private (bool, string)? Fresh() =>
        _last is { } last && System.Diagnostics.Stopwatch.GetElapsedTime(last.At) < CacheFor ? (last.Healthy, last.Detail) : null;
}
