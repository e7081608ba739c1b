using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Admin.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Arbitrex.MlLayer.Worker.Tests.Admin.Errors;

[Trait("Category", "Unit")]
public sealed class AdminExceptionHandlerTests
{
    private static ProblemDetails Map(Exception exception) => AdminExceptionHandler.ProblemFor(exception, new AdminOptions());

    [Fact]
    public void An_invalid_input_is_a_400_naming_its_field()
    {
        var problem = Assert.IsType<HttpValidationProblemDetails>(Map(new InvalidInputException("features.rsi", "Feature 'rsi' is NaN")));

        Assert.Equal(400, problem.Status);
        Assert.Equal(["Feature 'rsi' is NaN"], problem.Errors["features.rsi"]);
    }

    [Fact]
    public void Registry_refusals_map_to_404_409_and_503()
    {
        Assert.Equal(404, Map(new ModelNotFoundException("Unknown model 'x'")).Status);
        Assert.Equal(409, Map(new ModelConflictException("v1 exists")).Status);
        Assert.Equal(503, Map(new ModelRegistryBusyException("busy")).Status);
        Assert.Equal(["bad kind"], Assert.IsType<HttpValidationProblemDetails>(Map(new InvalidModelException("bad kind") { Field = "kind" })).Errors["kind"]);
    }

    [Fact]
    public void A_refused_config_document_lists_each_key()
    {
        var problem = Assert.IsType<HttpValidationProblemDetails>(Map(new InvalidConfigException([new ConfigError("decision.min_confidence", "must be between 0 and 1"), new ConfigError("", "not an object")])));

        Assert.Equal(["must be between 0 and 1"], problem.Errors["decision.min_confidence"]);
        Assert.Equal(["not an object"], problem.Errors["body"]);
    }

    [Fact]
    public void A_body_over_the_limit_is_a_413_naming_the_limit()
    {
        var problem = Map(new BadHttpRequestException("Request body too large.", 413));

        Assert.Equal(413, problem.Status);
        Assert.Equal("The request body is larger than Admin:MaxRequestBodyBytes (1048576 bytes).", problem.Detail);
    }

    [Fact]
    public void An_unexpected_exception_is_a_500_without_its_text()
    {
        var problem = Map(new InvalidOperationException("secret internals at System.Foo"));

        Assert.Equal(500, problem.Status);
        Assert.DoesNotContain("secret", problem.Detail, StringComparison.Ordinal);
    }
}
