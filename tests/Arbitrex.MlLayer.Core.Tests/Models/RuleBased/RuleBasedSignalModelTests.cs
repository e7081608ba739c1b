using System.Globalization;
using System.Text;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Models.RuleBased;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Tests.Models.RuleBased;

[Trait("Category", "Unit")]
public sealed class RuleBasedSignalModelTests
{
    [Theory]
    [InlineData(1e308, 0.0, 1.0, "weight")]
    [InlineData(0.5, 1e308, 1.0, "center")]
    [InlineData(0.5, 50.0, 1e-300, "scale")]
    [InlineData(0.5, 50.0, 1e308, "scale")]
    public void A_term_outside_the_parameter_bounds_is_refused_naming_it(double weight, double center, double scale, string part)
    {
        var term = string.Create(CultureInfo.InvariantCulture, $"\"weight\":{weight:R},\"center\":{center:R},\"scale\":{scale:R}");
        var file = "{\"kind\":\"rule_based\",\"model\":\"signal_filter\",\"version\":\"v1.0.0\",\"bias\":0,\"terms\":{\"rsi\":{" + term + "}}}";

        var error = Assert.Throws<InvalidModelException>(() => RuleBasedSignalModel.Load(Encoding.UTF8.GetBytes(file), new SignalFilterConfig()));

        Assert.Contains($"{part} of 'rsi'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_model_is_inside_the_bounds()
    {
        var model = RuleBasedSignalModel.Load(File.ReadAllBytes(Path.Combine(RepoPaths.Models, "signal_filter", "v1.0.0_rule_based.json")), new SignalFilterConfig());

        Assert.Equal(16, model.Features.Count);
    }
}
