using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>
/// How the bus readers read a body: the contract's generated metadata (<see cref="ContractJsonContext"/>) under
/// <see cref="ContractJson.Options"/>, except that a key given twice is refused (which value the publisher meant
/// cannot be told, and last-wins would hide it) and nesting stops at 16 levels.
/// </summary>
internal static class InboundJson
{
    private const int MaxDepth = 16;

    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The same limits for reading a refused body as a document, to say why it was refused.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    public static readonly JsonTypeInfo<FeatureSnapshot> FeatureSnapshot = TypeInfo<FeatureSnapshot>();

    public static readonly JsonTypeInfo<QseOutput> QseOutput = TypeInfo<QseOutput>();

    public static readonly JsonTypeInfo<TradeOutcome> TradeOutcome = TypeInfo<TradeOutcome>();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(ContractJson.Options) { AllowDuplicateProperties = false, MaxDepth = MaxDepth };
        options.MakeReadOnly();
        return options;
    }

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
