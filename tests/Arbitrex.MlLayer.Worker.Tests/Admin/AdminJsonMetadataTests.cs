using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary>A native build has no reflection-based JSON: every body the admin API writes must have generated metadata.</summary>
[Trait("Category", "Integration")]
public sealed class AdminJsonMetadataTests : IDisposable
{
    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;

    public AdminJsonMetadataTests()
    {
        _factory = new AdminApiFactory(_state.Path, "test-key-123");
        _factory.CreateClient().Dispose();
    }

    public void Dispose()
    {
        _factory.Dispose();
        _state.Dispose();
    }

    private JsonSerializerOptions HttpJson => _factory.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;

    [Fact]
    public void Every_response_type_an_endpoint_declares_has_generated_metadata()
    {
        var types = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.OfType<IProducesResponseTypeMetadata>())
            .Select(m => m.Type)
            .OfType<Type>()
            .Where(t => t != typeof(void))
            .Distinct()
            .ToList();

        Assert.Contains(typeof(Worker.Admin.PredictResponse), types);
        Assert.All(types, t => Assert.NotNull(HttpJson.GetTypeInfo(t)));
    }

    [Fact]
    public void A_type_without_generated_metadata_is_refused_rather_than_written_by_reflection()
    {
        Assert.DoesNotContain(HttpJson.TypeInfoResolverChain, r => r is DefaultJsonTypeInfoResolver);
        Assert.Throws<NotSupportedException>(() => HttpJson.GetTypeInfo(typeof(UnlistedBody)));
    }

    private sealed record UnlistedBody(string Name);
}
