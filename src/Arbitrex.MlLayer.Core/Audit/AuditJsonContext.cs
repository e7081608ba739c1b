using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// Compile-time serialisation metadata for the audit file's own line types; the decision's members come from
/// <see cref="Contracts.ContractJsonContext"/>. Used through <see cref="AuditJson"/>, whose options it follows.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    PropertyNameCaseInsensitive = false,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AuditRecord))]
[JsonSerializable(typeof(AuditLineHeader))]
[JsonSerializable(typeof(AuditedOutcome))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
