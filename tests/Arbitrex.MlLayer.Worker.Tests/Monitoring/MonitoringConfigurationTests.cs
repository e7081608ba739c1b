using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Monitoring;

/// <summary>The <c>Monitoring</c> section binds as documented, and bad rules stop the host at start.</summary>
[Trait("Category", "Unit")]
public sealed class MonitoringConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.SectionName).ValidateOnStartWith(new MonitoringOptionsAnnotationsValidator());
        services.AddSingleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidator>();
        services.AddSingleton<MlMonitor>();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Settings_and_custom_rules_bind_from_configuration()
    {
        using var provider = Build(new()
        {
            ["Monitoring:HistorySize"] = "500",
            ["Monitoring:AlertEvaluationInterval"] = "00:00:30",
            ["Monitoring:ExportInterval"] = "00:00:00",
            ["Monitoring:AlertRules:0:Name"] = "very_low_probability",
            ["Monitoring:AlertRules:0:Metric"] = "avg_signal_prob",
            ["Monitoring:AlertRules:0:Operator"] = "<",
            ["Monitoring:AlertRules:0:Threshold"] = "0.4",
            ["Monitoring:AlertRules:0:WindowMinutes"] = "30",
            ["Monitoring:AlertRules:0:Severity"] = "critical",
            ["Monitoring:AlertRules:0:For"] = "00:05:00",
        });

        var monitor = provider.GetRequiredService<MlMonitor>();

        Assert.Equal(500, monitor.Options.HistorySize);
        Assert.Equal(TimeSpan.FromSeconds(30), monitor.Options.AlertEvaluationInterval);
        Assert.Equal(TimeSpan.Zero, monitor.Options.ExportInterval);
        Assert.Equal(
            new AlertRule { Name = "very_low_probability", Metric = "avg_signal_prob", Operator = "<", Threshold = 0.4, WindowMinutes = 30, Severity = "critical", For = TimeSpan.FromMinutes(5) },
            monitor.AlertRules[^1]);
        Assert.Equal(DefaultAlertRules.All.Count + 1, monitor.AlertRules.Count);
    }

    [Fact]
    public void A_bad_rule_in_configuration_fails_options_validation_naming_the_field()
    {
        using var provider = Build(new()
        {
            ["Monitoring:AlertRules:0:Name"] = "odd",
            ["Monitoring:AlertRules:0:Metric"] = "suppression_rate",
            ["Monitoring:AlertRules:0:Operator"] = "=>",
            ["Monitoring:AlertRules:0:Threshold"] = "0.4",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MonitoringOptions>>().Value);

        Assert.Contains("Monitoring:AlertRules:0:operator: Alert rule 'odd': unknown operator '=>'", error.Message, StringComparison.Ordinal);
    }
}
