using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Vmb.Benchmarks;

/// <summary>
/// Operations per second, or payload bytes per second, derived from the mean time of one operation.
/// Benchmarks that count one packet per operation (OperationsPerInvoke) read this as packets/s.
/// </summary>
/// <param name="name">Column header.</param>
/// <param name="bytesParameter">When set, the benchmark parameter holding bytes per operation: the column shows bytes/s.</param>
public sealed class ThroughputColumn(string name, string? bytesParameter = null) : IColumn
{
    /// <summary>Operations (packets) per second.</summary>
    public static readonly IColumn OperationsPerSecond = new ThroughputColumn("Packets/s");

    /// <summary>Payload bytes per second, from the PayloadBytes parameter.</summary>
    public static readonly IColumn PayloadBytesPerSecond = new ThroughputColumn("Payload bytes/s", "PayloadBytes");

    public string Id => nameof(ThroughputColumn) + "." + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => bytesParameter is null ? 0 : 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => bytesParameter is null ? "Operations per second (1 s / Mean)" : $"{bytesParameter} × operations per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNs is null or <= 0) return "NA";
        var perSecond = 1e9 / meanNs.Value;
        if (bytesParameter is null) return Format(perSecond, "");
        var bytes = benchmarkCase.Parameters[bytesParameter] is int b ? b : 0;
        return Format(perSecond * bytes, "B");
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    private static string Format(double value, string unit) => value switch
    {
        >= 1e9 => $"{value / 1e9:0.00} G{unit}",
        >= 1e6 => $"{value / 1e6:0.00} M{unit}",
        >= 1e3 => $"{value / 1e3:0.00} k{unit}",
        _ => $"{value:0} {unit}".TrimEnd(),
    };
}
