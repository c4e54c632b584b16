using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace QuantizedModels.Benchmarks;

/// <summary>
/// Batch-1 latency per call: every measured iteration is one call (invocation count 1, no unrolling), so the
/// percentiles over 1,000 iterations are percentiles of single calls, timer resolution (tens of ns) included.
/// </summary>
public sealed class LatencyConfig : ManualConfig
{
    public LatencyConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(50).WithIterationCount(1000).WithInvocationCount(1).WithUnrollFactor(1).WithId("PerCall"));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, new P99Column());
    }

    /// <summary>The 99th percentile of the per-call times (BenchmarkDotNet ships P0 to P95).</summary>
    private sealed class P99Column : IColumn
    {
        public string Id => "P99";

        public string ColumnName => "P99";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 10;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Time;

        public string Legend => "99th percentile of the time of one call";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            return statistics is null ? "NA" : (statistics.Percentiles.Percentile(99) / 1000).ToString("N2", style.CultureInfo) + " us";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => summary.Reports.Any(r => r.ResultStatistics is not null);
    }
}
