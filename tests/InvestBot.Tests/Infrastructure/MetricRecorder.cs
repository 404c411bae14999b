using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using InvestBot.Common;

namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// Listens to one app's "InvestBot" meter (the meter its own IMeterFactory created, so parallel tests do not mix)
/// and keeps every measurement.
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    public sealed record Measurement(string Instrument, long Value, IReadOnlyDictionary<string, string?> Tags);

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public MetricRecorder(IMeterFactory app)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == InvestBotMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, app))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue(
            new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()))));
        _listener.Start();
    }

    /// <summary>The counter's total over measurements carrying every given tag.</summary>
    public long Sum(string instrument, params (string Key, string Value)[] tags) => _measurements
        .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value))
        .Sum(m => m.Value);

    /// <summary>Polls the observable instruments until <paramref name="instrument"/> reports a value that satisfies
    /// <paramref name="expected"/> (gauges are read lazily), or fails after the timeout.</summary>
    public async Task<long> ObserveUntilAsync(string instrument, Func<long, bool> expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long? last = null;
        while (DateTime.UtcNow < deadline)
        {
            _listener.RecordObservableInstruments();
            if (_measurements.LastOrDefault(m => m.Instrument == instrument) is { } m)
            {
                last = m.Value;
                if (expected(m.Value)) return m.Value;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{instrument} did not reach the expected value in {timeout} (last: {last?.ToString() ?? "none"})");
    }

    public void Dispose() => _listener.Dispose();
}
