using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Contracts;

/// <summary>
/// The wire format of every message: snake_case JSON, UTF-8. Publishers in C# should serialise
/// with these options so their bodies match what Python publishers send.
/// </summary>
public static class ContractJson
{
    /// <summary>
    /// Named floating-point literals are read (Python's <c>json.dumps</c> writes <c>NaN</c>) so that
    /// the engine can reject them with a reason naming the feature instead of a parse error.
    /// Only contract types are described (<see cref="ContractJsonContext"/>); there is no reflection fallback, so a
    /// caller with types of its own copies these options and puts its generated metadata in front.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            PropertyNameCaseInsensitive = false,
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,

            // Bodies go to JSON parsers and log files, never into HTML: keep '<' and '>' readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = ContractJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }
}
