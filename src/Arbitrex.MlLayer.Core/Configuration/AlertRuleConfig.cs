using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>A custom alert rule as written in the config document (<c>monitoring.alert_rules</c>).</summary>
/// <remarks>
/// Settable, unlike the rest of the document: a rule may leave members out, and the generated JSON reader gives a
/// missing init-only member its type's default instead of its initializer (dotnet/runtime#84484).
/// </remarks>
public sealed record AlertRuleConfig
{
    public string Name { get; set; } = string.Empty;

    /// <summary>One of <see cref="AlertMetrics.All"/>.</summary>
    public string Metric { get; set; } = string.Empty;

    public string Operator { get; set; } = ">";

    public double Threshold { get; set; }

    public int WindowMinutes { get; set; } = 60;

    public string Severity { get; set; } = AlertSeverities.Warning;

    /// <summary>Seconds the condition must hold before the alert fires.</summary>
    public double ForSeconds { get; set; }

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
