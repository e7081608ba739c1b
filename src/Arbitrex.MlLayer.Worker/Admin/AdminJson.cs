using System.Buffers;
using System.Text.Json;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Worker.Json;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Reads request bodies with the contract's JSON options (and the generated metadata of the body types), turning parse errors into a field and a reason.</summary>
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
            return element.Deserialize(WorkerJson.Contract.TypeInfo<T>())
                ?? throw new RequestProblem("body", "the item must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw Problem(ex);
        }
    }

    /// <summary>
    /// A body that does not parse is read again with Python's bare <c>NaN</c>/<c>Infinity</c> literals quoted (only
    /// on this failure path): read as the named literals, they are refused naming their field
    /// (<c>features.rsi</c>, <c>qse_output.gates.z_score.value</c>), not the body.
    /// </summary>
    private static T Parse<T>(ReadOnlySequence<byte> utf8)
    {
        try
        {
            return Deserialize<T>(new Utf8JsonReader(utf8));
        }
        catch (JsonException ex)
        {
            if (NonFiniteJsonLiterals.Quote(utf8.IsSingleSegment ? utf8.FirstSpan : utf8.ToArray()) is not { } quoted)
            {
                throw Problem(ex);
            }

            try
            {
                return Deserialize<T>(new Utf8JsonReader(quoted));
            }
            catch (JsonException again)
            {
                throw Problem(again);
            }
        }
    }

    private static T Deserialize<T>(Utf8JsonReader reader) =>
        JsonSerializer.Deserialize(ref reader, WorkerJson.Contract.TypeInfo<T>())
            ?? throw new RequestProblem("body", "the request body must be a JSON object");

    private static RequestProblem Problem(JsonException ex)
    {
        var (field, message) = JsonProblemText.Describe(ex);
        return new RequestProblem(field, message);
    }
}
