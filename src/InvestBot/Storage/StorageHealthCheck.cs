using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace InvestBot.Storage;

/// <summary>The "storage" health check behind /healthz: Table Storage answers (App Service's health check pings it).</summary>
public sealed class StorageHealthCheck(StorageHealth storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var (healthy, detail) = await storage.CheckAsync(ct);
        return healthy ? HealthCheckResult.Healthy(detail) : HealthCheckResult.Unhealthy(detail);
    }
}
