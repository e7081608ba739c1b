using System.Text;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Hosting;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class EngineHostingExtensionsTests
{
    private static WebApplication BuildHost(params string[] args)
    {
        var builder = WebApplication.CreateBuilder([$"--Registry:Root={RepoPaths.Models}", "--urls=http://127.0.0.1:0", .. args]);
        builder.AddMlLayerEngine();
        return builder.Build();
    }

    [Theory]
    [InlineData("--MlLayer:decision:min_regime_confidence=1.7", "MlLayer:decision:min_regime_confidence")]
    [InlineData("--MlLayer:regime:smoothing_bars=-3", "MlLayer:regime:smoothing_bars")]
    [InlineData("--MlLayer:decision:min_confidence=0.5", "MlLayer:decision:min_confidence")]
    [InlineData("--MlLayer:decision:allowed_regimes:0=SIDEWAYS", "MlLayer:decision:allowed_regimes[0]")]
    public async Task A_bad_setting_stops_the_host_naming_the_key(string setting, string key)
    {
        await using var app = BuildHost(setting);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_document_pasted_into_appsettings_reads_back_unchanged()
    {
        // What GET /config answers, with its empty alert_rules [] and rule_weights {}.
        var document = EngineConfigJson.Serialize(new EngineConfig());
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"{{EngineConfig.SectionName}}":{{document}}}""")))
            .Build();

        var config = EngineConfigJson.FromConfiguration(configuration.GetSection(EngineConfig.SectionName));

        Assert.Equal(document, EngineConfigJson.Serialize(config));
    }

    [Fact]
    public async Task A_valid_configuration_starts_and_serves_the_engine_with_it()
    {
        await using var app = BuildHost("--MlLayer:decision:min_signal_probability=0.7");

        await app.StartAsync();
        var engine = app.Services.GetRequiredService<IInferenceEngine>();
        await app.StopAsync();

        Assert.Equal(0.7, ((InferenceEngine)engine).Config.Decision.MinSignalProbability);
    }

    [Fact]
    public async Task An_empty_registry_root_stops_the_host()
    {
        await using var app = BuildHost("--Registry:Root=");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Root", error.Message, StringComparison.Ordinal);
    }
}
