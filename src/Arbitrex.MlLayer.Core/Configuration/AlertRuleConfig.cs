using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>A custom alert rule as written in the config document (<c>monitoring.alert_rules</c>).</summary>
public sealed record AlertRuleConfig
{
    public string Name { get; init; } = string.Empty;

    /// <summary>One of <see cref="AlertMetrics.All"/>.</summary>
    public string Metric { get; init; } = string.Empty;

    public string Operator { get; init; } = ">";

    public double Threshold { get; init; }

    public int WindowMinutes { get; init; } = 60;

    public string Severity { get; init; } = AlertSeverities.Warning;

    /// <summary>Seconds the condition must hold before the alert fires.</summary>
    public double ForSeconds { get; init; }

    public AlertRule ToRule() => new()
    {
        Name = Name,
        Metric = Metric,
        Operator = Operator,
        Threshold = Threshold,
        WindowMinutes = WindowMinutes,
        Severity = Severity,
        For = double.IsFinite(ForSeconds) && ForSeconds >= 0 && ForSeconds <= 86_400 ? TimeSpan.FromSeconds(ForSeconds) : TimeSpan.FromDays(-1),
    };
}
