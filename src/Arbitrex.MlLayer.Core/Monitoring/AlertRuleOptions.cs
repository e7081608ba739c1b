namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// A host alert rule as configured under <c>Monitoring:AlertRules</c>; <see cref="ToRule"/> gives the rule. Settable,
/// unlike <see cref="AlertRule"/>: the configuration binding generator sets no init-only property and cannot satisfy
/// required members, so binding <see cref="AlertRule"/> itself would not survive trimming.
/// </summary>
public sealed class AlertRuleOptions
{
    public string Name { get; set; } = string.Empty;

    public string Metric { get; set; } = string.Empty;

    /// <summary>One of <c>&gt; &lt; &gt;= &lt;= == !=</c>.</summary>
    public string Operator { get; set; } = string.Empty;

    public double Threshold { get; set; }

    public int WindowMinutes { get; set; } = 60;

    public string Severity { get; set; } = AlertSeverities.Warning;

    public TimeSpan For { get; set; }

    public int? MinSamples { get; set; }

    public AlertRule ToRule() => new()
    {
        Name = Name,
        Metric = Metric,
        Operator = Operator,
        Threshold = Threshold,
        WindowMinutes = WindowMinutes,
        Severity = Severity,
        For = For,
        MinSamples = MinSamples,
    };
}
