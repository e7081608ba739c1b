using System.Reflection;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Admin.Answers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Admin.Answers;

/// <summary>The buffered answer against ASP.NET Core's own <see cref="Ok{TValue}"/>: same bytes, status, type and metadata.</summary>
[Trait("Category", "Unit")]
public sealed class BufferedJsonOkTests
{
    private static readonly PredictResponse Answer = new(GoldenDecision());

    [Fact]
    public async Task It_writes_the_bytes_Ok_writes_with_the_same_options_and_states_their_length()
    {
        using var services = HttpServices();
        var options = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        var (expected, okResponse) = await ExecuteAsync(TypedResults.Ok(Answer), services);
        var (actual, response) = await ExecuteAsync(BufferedJson.Ok(Answer, options), services);

        Assert.Equal(expected, actual);
        Assert.Equal(actual.Length, response.ContentLength);
        Assert.Null(okResponse.ContentLength);
        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Equal(okResponse.ContentType, response.ContentType);
        // The reasons' '<' and '>' stay readable, as the HTTP options' relaxed encoder writes them.
        Assert.Contains(" <= ", System.Text.Encoding.UTF8.GetString(actual), StringComparison.Ordinal);
    }

    [Fact]
    public void It_describes_itself_to_OpenAPI_as_Ok_does()
    {
        var expected = Produces<Ok<PredictResponse>>();
        var actual = Produces<BufferedJsonOk<PredictResponse>>();

        Assert.Equal(expected.StatusCode, actual.StatusCode);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.ContentTypes, actual.ContentTypes);
    }

    [Fact]
    public void It_exposes_its_value_and_status_as_typed_results_do()
    {
        using var services = HttpServices();
        var answer = BufferedJson.Ok(Answer, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);

        Assert.Same(Answer, ((IValueHttpResult)answer).Value);
        Assert.Equal(StatusCodes.Status200OK, ((IStatusCodeHttpResult)answer).StatusCode);
    }

    private static ServiceProvider HttpServices()
    {
        var services = new ServiceCollection().AddLogging();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = ContractJson.Options.PropertyNamingPolicy;
            o.SerializerOptions.NumberHandling = ContractJson.Options.NumberHandling;
            o.SerializerOptions.Encoder = ContractJson.Options.Encoder;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractJsonContext.Default);
        });
        return services.BuildServiceProvider();
    }

    private static async Task<(byte[] Body, HttpResponse Response)> ExecuteAsync(IResult result, IServiceProvider services)
    {
        using var body = new MemoryStream();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        await context.Response.BodyWriter.FlushAsync();
        return (body.ToArray(), context.Response);
    }

    private static IProducesResponseTypeMetadata Produces<TResult>()
        where TResult : IEndpointMetadataProvider
    {
        var builder = new Microsoft.AspNetCore.Routing.RouteEndpointBuilder(_ => Task.CompletedTask, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/"), 0);
        TResult.PopulateMetadata(typeof(BufferedJsonOkTests).GetMethod(nameof(Produces), BindingFlags.NonPublic | BindingFlags.Static)!, builder);
        return Assert.Single(builder.Metadata.OfType<IProducesResponseTypeMetadata>());
    }

    /// <summary>A golden decision whose reasons hold a '<', which the default encoder would escape.</summary>
    private static MlDecision GoldenDecision()
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "Arbitrex.MlLayer.Core.Tests", "Engine", "Golden", "decisions.golden.json");
        using var golden = JsonDocument.Parse(File.ReadAllBytes(path));
        var decision = golden.RootElement.EnumerateArray().First(d => d.GetRawText().Contains(" <= ", StringComparison.Ordinal));
        return decision.Deserialize<MlDecision>(ContractJson.Options)!;
    }
}
