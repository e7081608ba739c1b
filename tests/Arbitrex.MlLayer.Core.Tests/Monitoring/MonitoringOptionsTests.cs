using System.ComponentModel.DataAnnotations;
using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring;

[Trait("Category", "Unit")]
public sealed class MonitoringOptionsTests
{
    private static List<string?> Validate(MonitoringOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage)];
    }

    [Fact]
    public void Defaults_are_valid_and_match_the_documentation()
    {
        var options = new MonitoringOptions();

        Assert.Empty(Validate(options));
        Assert.Equal("Monitoring", MonitoringOptions.SectionName);
        Assert.Equal(10_000, options.HistorySize);
        Assert.Equal(10_000, options.LatencyWindowSize);
        Assert.Equal(TimeSpan.FromSeconds(10), options.AlertEvaluationInterval);
        Assert.Equal(20, options.AlertMinimumSamples);
        Assert.Equal("logs/ml_layer", options.ExportDirectory);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ExportInterval);
        Assert.True(options.DefaultAlertRulesEnabled);
    }

    [Fact]
    public void Out_of_range_values_are_refused_with_a_message_naming_the_key()
    {
        var options = new MonitoringOptions
        {
            HistorySize = 0,
            AlertEvaluationInterval = TimeSpan.Zero,
            ExportDirectory = "",
            ExportInterval = TimeSpan.FromDays(2),
        };

        Assert.Equal(
            [
                "Monitoring:HistorySize must be between 1 and 1,000,000.",
                "Monitoring:AlertEvaluationInterval must be between 00:00:01 and 01:00:00.",
                "Monitoring:ExportDirectory is required.",
                "Monitoring:ExportInterval must be between 00:00:00 (off) and 1.00:00:00.",
            ],
            Validate(options));
    }
}
