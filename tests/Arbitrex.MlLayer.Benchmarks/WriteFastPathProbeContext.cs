using System.Text.Json;
using System.Text.Json.Serialization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// The contract's write settings without named floating-point literals, serialisation only: the generator then emits
/// its fast path (code that writes straight to the <see cref="Utf8JsonWriter"/>), which the shipped contexts lack
/// because <see cref="ContractJson.Options"/> reads <c>NaN</c>. Measured against the shipped metadata path in
/// <see cref="DecisionSerializerBenchmarks"/>; it throws on a non-finite double, which an audit record can hold.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    GenerationMode = JsonSourceGenerationMode.Serialization,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MlDecision))]
[JsonSerializable(typeof(AuditRecord))]
public sealed partial class WriteFastPathProbeContext : JsonSerializerContext;
