using Arbitrex.MlLayer.Worker.Shadow;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Shadow;

[Trait("Category", "Unit")]
public sealed class ShadowOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(OptionsValidation.Errors(new ShadowOptionsValidator(), new ShadowOptions()));

    [Theory]
    [InlineData(nameof(ShadowOptions.QueueCapacity), "Shadow:QueueCapacity must be between 1 and 1000000.")]
    [InlineData(nameof(ShadowOptions.WindowBars), "Shadow:WindowBars must be between 1 and 1000000.")]
    [InlineData(nameof(ShadowOptions.StoredDecisions), "Shadow:StoredDecisions must be between 1 and 1000000.")]
    public void A_size_of_zero_is_refused_naming_the_key(string property, string message)
    {
        var options = new ShadowOptions();
        typeof(ShadowOptions).GetProperty(property)!.SetValue(options, 0);

        Assert.Equal([message], OptionsValidation.Errors(new ShadowOptionsValidator(), options));
    }
}
