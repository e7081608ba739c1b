using Microsoft.AspNetCore.Http.HttpResults;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// <c>GET /swagger/v1/swagger.json</c>: the admin API's OpenAPI document, which the Swagger UI at <c>/docs</c> reads,
/// served from the copy built into the assembly (<c>Admin/OpenApi/openapi.json</c>).
/// </summary>
/// <remarks>
/// Generating the document in the worker loaded Swashbuckle's generator, Microsoft.OpenApi and MVC's ApiExplorer at
/// every start for a page opened now and then (docs/PERFORMANCE.md, "Memory"). The copy is generated from the mapped
/// endpoints by a test that fails when it is stale; <c>UPDATE_OPENAPI=1 dotnet test</c> rewrites it.
/// </remarks>
public static class OpenApiDocumentApi
{
    public const string Path = "/swagger/v1/swagger.json";

    public const string ContentType = "application/json; charset=utf-8";

    internal const string ResourceName = "Arbitrex.MlLayer.Worker.Admin.OpenApi.openapi.json";

    private static readonly Lazy<byte[]> Document = new(() => EmbeddedFile.ReadAllBytes(ResourceName));

    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetDocument).ExcludeFromDescription();
        return app;
    }

    internal static FileContentHttpResult GetDocument() => TypedResults.File(Document.Value, ContentType);
}
