using Microsoft.AspNetCore.Http.HttpResults;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// <c>GET /ui</c>: a self-contained HTML status page (inline CSS and JS, no CDN) that polls
/// <c>/metrics</c>, <c>/status</c> and <c>/alerts</c> and charts allow rate, latency and regime mix.
/// </summary>
public static class StatusPageApi
{
    public const string Path = "/ui";

    public const string ContentType = "text/html; charset=utf-8";

    private const string ResourceName = "Arbitrex.MlLayer.Worker.Admin.StatusPage.status.html";

    private const string ContentSecurityPolicy =
        "default-src 'none'; connect-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    private static readonly Lazy<byte[]> Page = new(() => EmbeddedFile.ReadAllBytes(ResourceName));

    public static IEndpointRouteBuilder MapStatusPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetPage)
            .WithTags("System")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .WithSummary("Status page: allow rate, latency and regime mix over time, alerts, config hash, models");
        return app;
    }

    internal static FileContentHttpResult GetPage(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(Page.Value, ContentType);
    }
}
