using System.ComponentModel.DataAnnotations;
using Arbitrex.MlLayer.Core.Monitoring.Drift;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

[Trait("Category", "Unit")]
public sealed class DriftOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_a_window_of_1000_bars_and_a_verdict_from_500()
    {
        var options = new DriftOptions();

        Assert.Empty(Validate(options));
        Assert.Equal((1000, 500), (options.WindowBars, options.MinSample));
    }

    [Theory]
    [InlineData(5, 1, "Monitoring:Drift:WindowBars must be between 10 and 10,000.")]
    [InlineData(20_000, 1, "Monitoring:Drift:WindowBars must be between 10 and 10,000.")]
    [InlineData(100, 0, "Monitoring:Drift:MinSample must be between 1 and 10,000.")]
    [InlineData(100, 200, "Monitoring:Drift:MinSample (200) must not exceed Monitoring:Drift:WindowBars (100).")]
    public void Out_of_range_settings_are_refused_naming_the_key(int windowBars, int minSample, string message)
    {
        var errors = Validate(new DriftOptions { WindowBars = windowBars, MinSample = minSample });

        Assert.Contains(message, errors);
    }

    private static List<string?> Validate(DriftOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (results.Count == 0)
        {
            results.AddRange(options.Validate(new ValidationContext(options)));
        }

        return [.. results.Select(r => r.ErrorMessage)];
    }
}
