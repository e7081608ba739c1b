using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Contracts;

/// <summary>
/// Compile-time serialisation metadata for every contract message: the one serializer of the bus, HTTP and audit.
/// Use it through <see cref="ContractJson.Options"/>, whose naming, number handling and encoder it is bound to.
/// </summary>
/// <remarks>
/// The attribute repeats <see cref="ContractJson.Options"/>' settings so that the generated writers agree with the
/// options they run under; a contract test pins the bytes.
/// </remarks>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    PropertyNameCaseInsensitive = false,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MlDecision))]
[JsonSerializable(typeof(FeatureSnapshot))]
[JsonSerializable(typeof(QseOutput))]
[JsonSerializable(typeof(TradeOutcome))]
[JsonSerializable(typeof(RegimePrediction))]
[JsonSerializable(typeof(SignalPrediction))]
[JsonSerializable(typeof(FeatureContribution))]
[JsonSerializable(typeof(QseGates))]
[JsonSerializable(typeof(QseGate))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, double>))]
[JsonSerializable(typeof(Dictionary<string, double>))]
public sealed partial class ContractJsonContext : JsonSerializerContext;
