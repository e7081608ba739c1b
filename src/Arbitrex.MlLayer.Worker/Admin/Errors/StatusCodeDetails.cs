using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Admin.Errors;

/// <summary>The <c>detail</c> of a problem answered without an exception (status code pages): a 413 or 415 says why.</summary>
internal static class StatusCodeDetails
{
    public static void Describe(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Detail is not null)
        {
            return;
        }

        problem.Detail = problem.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => $"The request body is larger than Admin:MaxRequestBodyBytes ({context.HttpContext.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.MaxRequestBodyBytes} bytes).",
            StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON: send Content-Type: application/json.",
            StatusCodes.Status404NotFound => $"No endpoint answers {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}; GET / lists them.",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Path} does not answer {context.HttpContext.Request.Method}.",
            _ => null,
        };
    }
}
