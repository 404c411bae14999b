using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace InvestBot.Benchmarks.Delivery;

/// <summary>The time the rate limits alone require: messages ÷ 50 per second.</summary>
public sealed class LowerBoundColumn : IColumn
{
    public string Id => "LowerBound";
    public string ColumnName => "Lower bound (s)";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "conversations × cards ÷ 50 messages per second";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => DeliveryBenchmark.LowerBoundSeconds.ToString("F1");
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
}

/// <summary>Mean delivery time divided by the lower bound (1.00 would be perfect pacing).</summary>
public sealed class RatioToLowerBoundColumn : IColumn
{
    public string Id => "RatioToLowerBound";
    public string ColumnName => "Ratio";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "mean ÷ lower bound";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        return stats is null ? "-" : (stats.Mean / 1e9 / DeliveryBenchmark.LowerBoundSeconds).ToString("F2");
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
}
