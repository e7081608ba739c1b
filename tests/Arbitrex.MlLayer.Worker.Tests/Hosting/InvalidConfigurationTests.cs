using Arbitrex.MlLayer.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class InvalidConfigurationTests
{
    [Fact]
    public void Each_failure_of_an_options_validation_becomes_one_line()
    {
        var invalid = new OptionsValidationException("Admin", typeof(object), ["Admin:MaxBatchSize must be between 1 and 100000.", "Admin:Urls must name\nat least one URL."]);

        Assert.Equal(
            ["Invalid configuration: Admin:MaxBatchSize must be between 1 and 100000.", "Invalid configuration: Admin:Urls must name at least one URL."],
            InvalidConfiguration.Lines(invalid));
    }

    [Fact]
    public void Failures_of_several_options_classes_are_all_listed()
    {
        var aggregate = new AggregateException(
            new OptionsValidationException("Admin", typeof(object), ["Admin:MaxBatchSize must be between 1 and 100000."]),
            new OptionsValidationException("Registry", typeof(object), ["Registry:Root must name a folder."]));

        Assert.Equal(2, InvalidConfiguration.Lines(aggregate).Count);
    }

    [Fact]
    public void A_failure_reported_by_two_validations_is_listed_once()
    {
        var monitoring = new OptionsValidationException("Monitoring", typeof(object), ["Monitoring:LatencyWindowSize must be between 1 and 1,000,000."]);
        var aggregate = new AggregateException(monitoring, new OptionsValidationException("Engine", typeof(object), monitoring.Failures));

        Assert.Equal(["Invalid configuration: Monitoring:LatencyWindowSize must be between 1 and 1,000,000."], InvalidConfiguration.Lines(aggregate));
    }

    [Fact]
    public void A_value_the_binder_cannot_convert_is_a_configuration_failure()
    {
        var binder = new InvalidOperationException("Failed to convert configuration value 'many' at 'Admin:MaxBatchSize' to type 'System.Int32'.");

        Assert.Equal(["Invalid configuration: " + binder.Message], InvalidConfiguration.Lines(binder));
    }

    [Fact]
    public void Any_other_failure_is_not_a_configuration_failure()
    {
        Assert.Empty(InvalidConfiguration.Lines(new InvalidOperationException("boom")));
        Assert.Empty(InvalidConfiguration.Lines(new AggregateException(new IOException("disk"))));
    }
}
