using System.Buffers;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Reads request bodies with the contract's JSON options, turning parse errors into a field and a reason.</summary>
internal static class AdminJson
{
    /// <summary>
    /// Buffers the body (Kestrel enforces <c>Admin:MaxRequestBodyBytes</c>) and parses it in one synchronous
    /// pass: a predict body is one or two network reads, and the serializer's streaming reader cost more
    /// than the parse itself.
    /// </summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = request.BodyReader;
        var read = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
        while (!read.IsCompleted)
        {
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            read = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return Parse<T>(read.Buffer);
        }
        finally
        {
            body.AdvanceTo(read.Buffer.End);
        }
    }

    public static T Read<T>(JsonElement element)
    {
        try
        {
            return element.Deserialize<T>(ContractJson.Options)
                ?? throw new RequestProblem("body", "the item must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw Problem(ex);
        }
    }

    private static T Parse<T>(ReadOnlySequence<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        try
        {
            return JsonSerializer.Deserialize<T>(ref reader, ContractJson.Options)
                ?? throw new RequestProblem("body", "the request body must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw Problem(ex);
        }
    }

    private static RequestProblem Problem(JsonException ex)
    {
        var (field, message) = Errors.JsonProblemText.Describe(ex);
        return new RequestProblem(field, message);
    }
}
