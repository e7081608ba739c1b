namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// "Alert when <see cref="Metric"/> over the last <see cref="WindowMinutes"/> minutes
/// <see cref="Operator"/> <see cref="Threshold"/> for at least <see cref="For"/>". Metric names are
/// listed in <see cref="AlertMetrics"/>; rates and shares are fractions (0.9 = 90 %).
/// </summary>
public sealed record AlertRule
{
    public required string Name { get; init; }

    public required string Metric { get; init; }

    /// <summary>One of <c>&gt; &lt; &gt;= &lt;= == !=</c>.</summary>
    public required string Operator { get; init; }

    public required double Threshold { get; init; }

    public int WindowMinutes { get; init; } = 60;

    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public string Severity { get; init; } = AlertSeverities.Warning;

    /// <summary>How long the condition must hold before a pending alert fires; zero fires on the first breach.</summary>
    public TimeSpan For { get; init; }

    /// <summary>
    /// Samples the window needs before the metric is compared: decisions for decision metrics (default
    /// <see cref="MonitoringOptions.AlertMinimumSamples"/>), outcomes for live quality metrics (default
    /// <c>Monitoring:LiveQuality:MinOutcomes</c>). Null takes the default.
    /// </summary>
    public int? MinSamples { get; init; }
}
