using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring;

[Trait("Category", "Unit")]
public sealed class MonitoringOptionsValidatorTests
{
    private static readonly MonitoringOptionsValidator Validator = new();

    [Fact]
    public void Valid_custom_rules_pass()
    {
        var options = new MonitoringOptions
        {
            AlertRules = [new AlertRuleOptions { Name = "slow", Metric = AlertMetrics.MaxProcessingTimeMs, Operator = ">=", Threshold = 50, WindowMinutes = 10 }],
        };

        Assert.True(Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Bad_rules_fail_with_their_index_and_field()
    {
        var options = new MonitoringOptions
        {
            AlertRules =
            [
                new AlertRuleOptions { Name = "ok", Metric = AlertMetrics.AllowRate, Operator = "<", Threshold = 0.1 },
                new AlertRuleOptions { Name = "bad_metric", Metric = "cpu_load", Operator = ">", Threshold = 1 },
                new AlertRuleOptions { Name = "high_latency", Metric = AlertMetrics.AllowRate, Operator = ">", Threshold = 1 },
            ],
        };

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.StartsWith("Monitoring:AlertRules:1:metric: Alert rule 'bad_metric': unknown metric 'cpu_load'", result.Failures!.First(), StringComparison.Ordinal);
        Assert.Equal("Monitoring:AlertRules:2:name: an alert rule named 'high_latency' already exists.", result.Failures!.Last());
    }

    [Fact]
    public void A_rule_may_reuse_a_default_name_when_the_defaults_are_off()
    {
        var options = new MonitoringOptions
        {
            DefaultAlertRulesEnabled = false,
            AlertRules = [new AlertRuleOptions { Name = "high_latency", Metric = AlertMetrics.AvgProcessingTimeMs, Operator = ">", Threshold = 5 }],
        };

        Assert.True(Validator.Validate(null, options).Succeeded);
    }
}
