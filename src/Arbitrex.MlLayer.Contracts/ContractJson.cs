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
        };
        options.Converters.Add(new MlDecisionJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
