using System.Text.Json;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Reads request bodies with the contract's JSON options, turning parse errors into a field and a reason.</summary>
internal static class AdminJson
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, ContractJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new RequestProblem("body", "the request body must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw Problem(ex);
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

    private static RequestProblem Problem(JsonException ex)
    {
        // A syntax error (the reader's own exception inside) is the body's fault, not a field's.
        var malformed = ex.InnerException?.GetType().Name == "JsonReaderException";
        var field = malformed || string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return new RequestProblem(field, cut > 0 ? message[..cut] : message);
    }
}
