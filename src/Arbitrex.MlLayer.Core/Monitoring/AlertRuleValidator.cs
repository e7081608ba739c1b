namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>Refuses rules that could never be evaluated, naming the field at fault.</summary>
internal static class AlertRuleValidator
{
    public static IReadOnlyList<string> Operators { get; } = [">", "<", ">=", "<=", "==", "!="];

    public static void Validate(AlertRule? rule)
    {
        if (rule is null)
        {
            throw new InvalidAlertRuleException("rule", "An alert rule is required.");
        }

        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            throw new InvalidAlertRuleException("name", "An alert rule needs a non-empty name.");
        }

        if (rule.Metric is null || !AlertMetrics.All.Contains(rule.Metric, StringComparer.Ordinal))
        {
            throw new InvalidAlertRuleException(
                "metric",
                $"Alert rule '{rule.Name}': unknown metric '{rule.Metric}'. Known metrics: {string.Join(", ", AlertMetrics.All)}.");
        }

        if (rule.Operator is null || !Operators.Contains(rule.Operator, StringComparer.Ordinal))
        {
            throw new InvalidAlertRuleException(
                "operator",
                $"Alert rule '{rule.Name}': unknown operator '{rule.Operator}'. Allowed: {string.Join(" ", Operators)}.");
        }

        if (!double.IsFinite(rule.Threshold))
        {
            throw new InvalidAlertRuleException("threshold", $"Alert rule '{rule.Name}': threshold must be a finite number.");
        }

        if (rule.WindowMinutes is < 1 or > MonitoringOptions.MaxWindowMinutes)
        {
            throw new InvalidAlertRuleException(
                "window_minutes",
                $"Alert rule '{rule.Name}': window_minutes must be between 1 and {MonitoringOptions.MaxWindowMinutes}, was {rule.WindowMinutes}.");
        }

        if (rule.Severity is null || !AlertSeverities.All.Contains(rule.Severity, StringComparer.Ordinal))
        {
            throw new InvalidAlertRuleException(
                "severity",
                $"Alert rule '{rule.Name}': unknown severity '{rule.Severity}'. Allowed: {string.Join(", ", AlertSeverities.All)}.");
        }

        if (rule.MinSamples is < 1 or > 1_000_000)
        {
            throw new InvalidAlertRuleException("min_samples", $"Alert rule '{rule.Name}': min_samples must be between 1 and 1,000,000, was {rule.MinSamples}.");
        }

        if (rule.For < TimeSpan.Zero || rule.For > TimeSpan.FromDays(1))
        {
            throw new InvalidAlertRuleException("for", $"Alert rule '{rule.Name}': for must be between 0 and 1 day, was {rule.For}.");
        }
    }

    public static bool Holds(double value, string op, double threshold) => op switch
    {
        ">" => value > threshold,
        "<" => value < threshold,
        ">=" => value >= threshold,
        "<=" => value <= threshold,
        "==" => value == threshold,
        "!=" => value != threshold,
        _ => false,
    };
}
