using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace InvestBot.Benchmarks.Delivery;

/// <summary>A numeric summary column computed from the benchmark case's statistics.</summary>
public abstract class ComputedColumn(string id, string name, string legend, int priority) : IColumn
{
    public string Id => id;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => priority;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public abstract string GetValue(Summary summary, BenchmarkCase benchmarkCase);
}

/// <summary>The time the rate limits alone require: messages ÷ 50 per second.</summary>
public sealed class LowerBoundColumn() : ComputedColumn("LowerBound", "Lower bound (s)", "conversations × cards ÷ 50 messages per second", 0)
{
    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase) => DeliveryBenchmark.LowerBoundSeconds.ToString("F1");
}

/// <summary>Mean delivery time divided by the lower bound (1.00 would be perfect pacing).</summary>
public sealed class RatioToLowerBoundColumn() : ComputedColumn("RatioToLowerBound", "Ratio", "mean ÷ lower bound", 1)
{
    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics is { } stats ? (stats.Mean / 1e9 / DeliveryBenchmark.LowerBoundSeconds).ToString("F2") : "-";
}
