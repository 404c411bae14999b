using InvestBot.Common;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace InvestBot.Hosting;

public enum TelemetryExporter
{
    /// <summary>Traces, metrics and logs to Application Insights.</summary>
    AzureMonitor,
    /// <summary>The InvestBot meter printed to standard output once a minute (local runs, App Service log stream).</summary>
    Console,
    None,
}

public static class TelemetryRegistration
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ExporterKey = "InvestBot:Telemetry:Exporter";

    /// <summary>Application Insights when its connection string is set; otherwise the console, unless turned off.</summary>
    public static TelemetryExporter ExporterFor(IConfiguration configuration)
    {
        var chosen = configuration[ExporterKey];
        if (string.Equals(chosen, "none", StringComparison.OrdinalIgnoreCase)) return TelemetryExporter.None;
        if (string.Equals(chosen, "console", StringComparison.OrdinalIgnoreCase)) return TelemetryExporter.Console;
        return string.IsNullOrWhiteSpace(configuration[ConnectionStringKey]) ? TelemetryExporter.Console : TelemetryExporter.AzureMonitor;
    }

    public static IServiceCollection AddInvestBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<InvestBotMetrics>();
        services.AddTransient<ThrottleCountingHandler>();
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<ThrottleCountingHandler>());

        var exporter = ExporterFor(configuration);
        if (exporter == TelemetryExporter.None) return services;
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("InvestBot"))
            .WithMetrics(m => m.AddMeter(InvestBotMetrics.MeterName));
        if (exporter == TelemetryExporter.AzureMonitor)
            // Requests, dependencies, logs and the InvestBot meter; the connection string names the cloud's ingestion endpoint.
            otel.UseAzureMonitor(o => o.ConnectionString = configuration[ConnectionStringKey]);
        else
            otel.WithMetrics(m => m.AddConsoleExporter((_, reader) =>
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000));
        return services;
    }
}
