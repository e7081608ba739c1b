using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// Compile-time serialisation metadata for the audit file's own line types and event payloads, and for the change log's
/// lines, as <see cref="Contracts.ContractJsonContext"/> is for the messages. Used through <see cref="AuditJson"/>, whose
/// options it follows; an event payload type must be listed here (<see cref="IAuditLog.AppendEventAsync{TPayload}"/>).
/// </summary>
// Naming as on the line; numbers, encoder and the rest come from AuditJson's options at run time (the generated
// serialize-only fast path, which would bake them in, does not run under named floating-point literals).
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AuditRecord))]
[JsonSerializable(typeof(AuditLineHeader))]
[JsonSerializable(typeof(AuditedOutcome))]
[JsonSerializable(typeof(BaselineCaptureRecord))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
