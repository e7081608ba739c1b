using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Hosting;

/// <summary>The <c>Monitoring:Drift</c> section binds as documented and out-of-range values fail validation naming the key.</summary>
[Trait("Category", "Unit")]
public sealed class DriftHostingExtensionsTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddMlLayerDrift();
        return builder.Build();
    }

    [Fact]
    public void Settings_bind_from_the_drift_section()
    {
        using var host = Build(new()
        {
            ["Monitoring:Drift:WindowBars"] = "2000",
            ["Monitoring:Drift:MinSample"] = "800",
            ["Monitoring:Drift:RefreshInterval"] = "00:00:30",
        });

        var options = host.Services.GetRequiredService<IOptions<DriftOptions>>().Value;

        Assert.Equal((2000, 800, TimeSpan.FromSeconds(30)), (options.WindowBars, options.MinSample, options.RefreshInterval));
    }

    [Theory]
    [InlineData("20000", "500", "Monitoring:Drift:WindowBars must be between 10 and 10,000.")]
    [InlineData("100", "500", "Monitoring:Drift:MinSample (500) must not exceed Monitoring:Drift:WindowBars (100).")]
    public void Out_of_range_settings_fail_validation_naming_the_key(string windowBars, string minSample, string message)
    {
        using var host = Build(new() { ["Monitoring:Drift:WindowBars"] = windowBars, ["Monitoring:Drift:MinSample"] = minSample });

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DriftOptions>>().Value);

        Assert.Contains(message, failure.Failures.Single(), StringComparison.Ordinal);
    }
}
