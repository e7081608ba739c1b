using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace Arbitrex.MlLayer.Worker.Admin.Answers;

/// <summary>
/// A 200 answer with a JSON body, like <see cref="Microsoft.AspNetCore.Http.HttpResults.Ok{TValue}"/> (same bytes, same
/// content type, same OpenAPI metadata), but serialized into one buffer first and written with its Content-Length.
/// <c>Ok&lt;T&gt;</c> streams the serializer into the response pipe asynchronously with chunked transfer encoding,
/// which on <c>POST /predict</c> cost more than the serialization itself (docs/PERFORMANCE.md, "The answer written
/// in one piece").
/// </summary>
public sealed class BufferedJsonOk<TValue> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TValue>
{
    private const string ContentType = "application/json; charset=utf-8";
    private readonly JsonTypeInfo<TValue> _typeInfo;

    internal BufferedJsonOk(TValue value, JsonTypeInfo<TValue> typeInfo)
    {
        Value = value;
        _typeInfo = typeInfo;
    }

    public TValue Value { get; }

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var body = JsonSerializer.SerializeToUtf8Bytes(Value, _typeInfo);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TValue), ["application/json"]));
    }
}
