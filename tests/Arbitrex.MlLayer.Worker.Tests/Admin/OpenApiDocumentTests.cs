using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary>
/// The worker serves its OpenAPI document as built (<see cref="OpenApiDocumentApi"/>); this generates the document from
/// the endpoints the worker maps, with Swashbuckle, and fails when the built copy differs. After an intended change to
/// the API, regenerate with <c>UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocumentTests</c>, build and run it again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OpenApiDocumentTests
{
    private static readonly string CheckedInPath =
        Path.Combine(RepoPaths.Root, "src", "Arbitrex.MlLayer.Worker", "Admin", "OpenApi", "openapi.json");

    [Fact]
    public async Task The_served_document_is_the_one_generated_from_the_endpoints()
    {
        using var state = new TempDirectory();
        using var factory = new AdminApiFactory(state.Path);
        using var generating = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddEndpointsApiExplorer();
            services.AddSwaggerGen(o => o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Arbitrex ML Layer admin API",
                Version = "v1",
                Description = "Health, status, ad-hoc predictions, models, runtime config, metrics and alerts of the ML decision layer.",
            }));
        }));
        using var client = generating.CreateClient();

        var served = await client.GetStringAsync(OpenApiDocumentApi.Path);
        var generated = await generating.Services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1")
            .SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_0);
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CheckedInPath, generated);
        }

        Assert.Equal(generated, await File.ReadAllTextAsync(CheckedInPath));
        Assert.Equal(generated, served);
        Assert.DoesNotContain($"\"{OpenApiDocumentApi.Path}\"", generated, StringComparison.Ordinal);
    }
}
