using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// Counts the requests the app sends to Table Storage (each one a round trip to Azurite), with the operation of each,
/// so tests and benchmarks can say how many round trips a turn costs.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _requests = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<double> _milliseconds = new();

    public int Count => _requests.Count;

    /// <summary>"GET MonthlyFigures(...)", "POST $batch" … in the order they were sent.</summary>
    public IReadOnlyList<string> Requests => _requests.ToList();

    /// <summary>How long each request took, from sending to the response (ms), in the order they completed.</summary>
    public IReadOnlyList<double> Milliseconds => _milliseconds.ToList();

    public void Reset()
    {
        _requests.Clear();
        _milliseconds.Clear();
    }

    /// <summary>Replaces the app's TableServiceClient with one that reports every request here.</summary>
    public void Register(IServiceCollection services, string connectionString) =>
        services.AddSingleton(_ =>
        {
            var options = new TableClientOptions();
            options.Retry.MaxRetries = 2;
            options.AddPolicy(this, HttpPipelinePosition.PerCall);
            return new TableServiceClient(connectionString, options);
        });

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline);
        _milliseconds.Enqueue(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private void Record(HttpMessage message)
    {
        var path = message.Request.Uri.Path;
        _requests.Enqueue($"{message.Request.Method} {Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..])}");
    }
}
