using System.ComponentModel.DataAnnotations;
using Arbitrex.MlLayer.Core.Configuration;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>Settings of <see cref="MlMonitor"/> and <see cref="PeriodicMetricsExporter"/> (section <c>Monitoring</c>).</summary>
public sealed class MonitoringOptions
{
    public const string SectionName = "Monitoring";

    /// <summary>The longest alert window; the monitor keeps this many per-minute buckets (24 h).</summary>
    public const int MaxWindowMinutes = 1440;

    /// <summary>How many recent decisions <c>GET /metrics/decisions</c> can return (ring buffer). Default 10,000.</summary>
    [OptionRange(1, 1_000_000, ErrorMessage = "Monitoring:HistorySize must be between 1 and 1,000,000.")]
    public int HistorySize { get; set; } = 10_000;

    /// <summary>The latency avg/p50/p95/p99/max cover the last this many predictions. Default 10,000.</summary>
    [OptionRange(1, 1_000_000, ErrorMessage = "Monitoring:LatencyWindowSize must be between 1 and 1,000,000.")]
    public int LatencyWindowSize { get; set; } = 10_000;

    /// <summary>How often alert rules are evaluated (on a timer, never per prediction). Default 10 s.</summary>
    [TimeSpanRange("00:00:01", "01:00:00", ErrorMessage = "Monitoring:AlertEvaluationInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan AlertEvaluationInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Rate and average metrics (suppression rate, regime shares, average confidence, latency) are only
    /// compared with a threshold once the rule's window holds at least this many predictions, so a
    /// single suppressed bar does not read as "100 % suppression". Default 20.
    /// </summary>
    [OptionRange(1, 1_000_000, ErrorMessage = "Monitoring:AlertMinimumSamples must be between 1 and 1,000,000.")]
    public int AlertMinimumSamples { get; set; } = 20;

    /// <summary>How many fired/resolved transitions the alert history keeps. Default 1,000.</summary>
    [OptionRange(1, 100_000, ErrorMessage = "Monitoring:AlertHistorySize must be between 1 and 100,000.")]
    public int AlertHistorySize { get; set; } = 1_000;

    /// <summary>Whether the five seed rules (<see cref="DefaultAlertRules"/>) are installed at start. Default true.</summary>
    public bool DefaultAlertRulesEnabled { get; set; } = true;

    /// <summary>Extra rules installed at start, validated like rules added at runtime.</summary>
    public IList<AlertRuleOptions> AlertRules { get; init; } = [];

    /// <summary>Cap on distinct label values per labelled metric (symbols, reasons); the rest count as <c>other</c>. Default 1,000.</summary>
    [OptionRange(1, 100_000, ErrorMessage = "Monitoring:MaxLabelValues must be between 1 and 100,000.")]
    public int MaxLabelValues { get; set; } = 1_000;

    /// <summary>Where <c>ml_metrics_&lt;timestamp&gt;.json</c> snapshots are written. Default <c>logs/ml_layer</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Monitoring:ExportDirectory is required.")]
    public string ExportDirectory { get; set; } = "logs/ml_layer";

    /// <summary>Interval of the scheduled JSON export; <see cref="TimeSpan.Zero"/> turns it off. Default 5 min.</summary>
    [TimeSpanRange("00:00:00", "1.00:00:00", ErrorMessage = "Monitoring:ExportInterval must be between 00:00:00 (off) and 1.00:00:00.")]
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromMinutes(5);
}
