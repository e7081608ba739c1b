using System.ComponentModel.DataAnnotations;
using Arbitrex.MlLayer.Core.Monitoring.Quality;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Quality;

[Trait("Category", "Unit")]
public sealed class LiveQualityOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_documented()
    {
        var options = new LiveQualityOptions();

        Assert.Empty(Errors(options));
        Assert.Equal((5_000, 24, 30, 0.02, 20), (options.WindowOutcomes, options.WindowHours, options.MinOutcomes, options.BrierMargin, options.MaxVersions));
    }

    [Fact]
    public void Each_out_of_range_value_is_refused_naming_its_key()
    {
        Assert.Equal(["Monitoring:LiveQuality:WindowOutcomes must be between 1 and 1,000,000."], Errors(new LiveQualityOptions { WindowOutcomes = 0 }));
        Assert.Equal(["Monitoring:LiveQuality:WindowHours must be between 1 and 8,760."], Errors(new LiveQualityOptions { WindowHours = 0 }));
        Assert.Equal(["Monitoring:LiveQuality:MinOutcomes must be between 1 and 1,000,000."], Errors(new LiveQualityOptions { MinOutcomes = 0 }));
        Assert.Equal(["Monitoring:LiveQuality:BrierMargin must be between 0 and 1."], Errors(new LiveQualityOptions { BrierMargin = -0.1 }));
        Assert.Equal(["Monitoring:LiveQuality:MaxVersions must be between 1 and 1,000."], Errors(new LiveQualityOptions { MaxVersions = 0 }));
    }

    private static List<string?> Errors(LiveQualityOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.ConvertAll(r => r.ErrorMessage);
    }
}
