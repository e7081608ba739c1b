using Arbitrex.MlLayer.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Arbitrex.MlLayer.Worker.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class ConfiguredLogLevelsTests
{
    [Fact]
    public void The_default_level_and_the_overrides_of_the_serilog_section_apply_over_the_built_in_ones()
    {
        using var logger = Build(new()
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Arbitrex.MlLayer.Core"] = "debug",
            ["Serilog:MinimumLevel:Override:Polly"] = "Information",
        });

        Assert.False(IsEnabled(logger, "Arbitrex.MlLayer.Worker.Bus", LogEventLevel.Information));
        Assert.True(IsEnabled(logger, "Arbitrex.MlLayer.Worker.Bus", LogEventLevel.Warning));
        Assert.True(IsEnabled(logger, "Arbitrex.MlLayer.Core.Audit.AuditLogWriter", LogEventLevel.Debug));
        Assert.True(IsEnabled(logger, "Polly", LogEventLevel.Information));
        Assert.False(IsEnabled(logger, "Microsoft.AspNetCore.Routing", LogEventLevel.Information));
    }

    [Fact]
    public void A_minimum_level_given_as_one_value_is_the_default_level()
    {
        using var logger = Build(new() { ["Serilog:MinimumLevel"] = "Error" });

        Assert.False(IsEnabled(logger, "Arbitrex.MlLayer.Worker.Bus", LogEventLevel.Warning));
        Assert.True(IsEnabled(logger, "Arbitrex.MlLayer.Worker.Bus", LogEventLevel.Error));
    }

    [Fact]
    public void Without_a_serilog_section_the_built_in_levels_stay()
    {
        using var logger = Build([]);

        Assert.True(IsEnabled(logger, "Arbitrex.MlLayer.Worker.Bus", LogEventLevel.Information));
        Assert.False(IsEnabled(logger, "Arbitrex.MlLayer.Worker.Bus", LogEventLevel.Debug));
        Assert.False(IsEnabled(logger, "Polly", LogEventLevel.Information));
    }

    [Fact]
    public void A_level_changed_in_reloaded_configuration_takes_effect_without_a_new_logger()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Information",
            ["Serilog:MinimumLevel:Override:Polly"] = "Warning",
        }).Build();
        using var logger = ConfiguredLogLevels.Apply(new LoggerConfiguration(), configuration).CreateLogger();

        configuration["Serilog:MinimumLevel:Default"] = "Error";
        configuration["Serilog:MinimumLevel:Override:Polly"] = "Debug";
        configuration.Reload();

        Assert.False(IsEnabled(logger, "Arbitrex.MlLayer.Worker.Bus", LogEventLevel.Warning));
        Assert.True(IsEnabled(logger, "Polly", LogEventLevel.Debug));
    }

    [Fact]
    public void Each_level_that_is_not_a_serilog_level_is_one_failure_naming_its_key()
    {
        var invalid = Assert.Throws<OptionsValidationException>(() => Build(new()
        {
            ["Serilog:MinimumLevel:Default"] = "Loud",
            ["Serilog:MinimumLevel:Override:Polly"] = "42",
        }));

        Assert.Equal(
            [
                "Serilog:MinimumLevel:Default must be one of Verbose, Debug, Information, Warning, Error, Fatal, not 'Loud'.",
                "Serilog:MinimumLevel:Override:Polly must be one of Verbose, Debug, Information, Warning, Error, Fatal, not '42'.",
            ],
            invalid.Failures);
        Assert.Equal(2, InvalidConfiguration.Lines(invalid).Count);
    }

    private static Logger Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builtIn = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning);
        return ConfiguredLogLevels.Apply(builtIn, configuration).CreateLogger();
    }

    private static bool IsEnabled(Logger logger, string sourceContext, LogEventLevel level) =>
        logger.ForContext(Constants.SourceContextPropertyName, sourceContext).IsEnabled(level);
}
