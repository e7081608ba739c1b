using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

[Trait("Category", "Unit")]
public sealed class AdminOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(OptionsValidation.Errors(new AdminOptionsValidator(), new AdminOptions()));

    [Theory]
    [InlineData("urls", "Admin:Urls must name at least one URL.")]
    [InlineData("max_request_body_bytes", "Admin:MaxRequestBodyBytes must be between 1024 and 67108864.")]
    [InlineData("batch_predict_max_rows", "Admin:BatchPredictMaxRows must be between 1 and 100000.")]
    [InlineData("predict_rate_limit", "Admin:PredictRateLimit must be between 0 (off) and 1000000.")]
    [InlineData("runtime_config_file", "Admin:RuntimeConfigFile must name a file.")]
    public void An_invalid_value_is_refused_with_a_message_naming_the_key(string broken, string message)
    {
        var options = new AdminOptions();
        switch (broken)
        {
            case "urls": options.Urls = ""; break;
            case "max_request_body_bytes": options.MaxRequestBodyBytes = 1023; break;
            case "batch_predict_max_rows": options.BatchPredictMaxRows = 0; break;
            case "predict_rate_limit": options.PredictRateLimit = -1; break;
            default: options.RuntimeConfigFile = ""; break;
        }

        Assert.Equal([message], OptionsValidation.Errors(new AdminOptionsValidator(), options));
    }
}
