using System.Text.Json;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Admin.Errors;

/// <summary>
/// The one place an exception becomes an HTTP answer: a problem details body that names the field
/// and says in words what was wrong, never an exception's own text or a .NET type name.
/// </summary>
internal sealed partial class AdminExceptionHandler(IProblemDetailsService problems, IOptions<AdminOptions> admin, ILogger<AdminExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = ProblemFor(exception, admin.Value);
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails ProblemFor(Exception exception, AdminOptions admin) => exception switch
    {
        RequestProblem request => new HttpValidationProblemDetails(request.ToErrors()) { Status = StatusCodes.Status400BadRequest, Detail = request.Message },
        InvalidInputException { Field.Length: > 0 } input => Invalid(input.Field, input.Message),
        InvalidInputException input => Invalid("body", input.Message),
        InvalidModelException model => Invalid(model.Field, model.Message),
        InvalidConfigException config => new HttpValidationProblemDetails(
            config.Errors.GroupBy(e => e.Key.Length == 0 ? "body" : e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = config.Message,
        },
        JsonException json => Invalid(JsonProblemText.Describe(json)),
        ModelNotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Model not found", notFound.Message),
        ModelConflictException conflict => Problem(StatusCodes.Status409Conflict, "Model version conflict", conflict.Message),

        // Another registration (maybe another process) holds the registry; the caller may retry.
        ModelRegistryBusyException busy => Problem(StatusCodes.Status503ServiceUnavailable, "Model registry busy", busy.Message),
        RecordNotWrittenException notWritten => Problem(StatusCodes.Status503ServiceUnavailable, "Record not written", notWritten.Message),

        // Kestrel's refusals surface while the endpoint reads the body.
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(
            StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The request body is larger than Admin:MaxRequestBodyBytes ({admin.MaxRequestBodyBytes} bytes)."),
        BadHttpRequestException refused => Problem(refused.StatusCode, "Bad request", "The request could not be read: the client stopped sending or sent a malformed request."),
        _ => Problem(StatusCodes.Status500InternalServerError, "Internal error", "The request failed on the server; the worker log has the details."),
    };

    private static HttpValidationProblemDetails Invalid((string Field, string Message) problem) => Invalid(problem.Field, problem.Message);

    private static HttpValidationProblemDetails Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = message,
        };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogUnexpected(ILogger logger, string method, string path, Exception exception);
}
