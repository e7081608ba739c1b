using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Configuration;

namespace Arbitrex.MlLayer.Worker.Json;

/// <summary>
/// Compile-time serialisation metadata for the worker's own JSON: every admin request and response body, the values the
/// status components report, and the change-log records. The service runs with reflection-based JSON switched off,
/// so a body type missing here fails its endpoint's tests.
/// </summary>
/// <remarks>
/// Used under the admin HTTP options and <see cref="WorkerJson"/>'s, which decide naming, numbers, encoder and enum
/// converters at run time; the attribute only names the common snake_case.
/// </remarks>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
// Request bodies (AdminJson).
[JsonSerializable(typeof(PredictRequest))]
[JsonSerializable(typeof(BatchPredictRequest))]
[JsonSerializable(typeof(RegisterModelRequest))]
[JsonSerializable(typeof(CaptureBaselineRequest))]
// Response bodies.
[JsonSerializable(typeof(ApiInfo))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(ResetResponse))]
[JsonSerializable(typeof(PredictResponse))]
[JsonSerializable(typeof(BatchPredictResponse))]
[JsonSerializable(typeof(ModelListResponse))]
[JsonSerializable(typeof(ModelVersionResponse))]
[JsonSerializable(typeof(RegistryEntry))]
[JsonSerializable(typeof(ModelPerformanceResponse))]
[JsonSerializable(typeof(MonitorSnapshot))]
[JsonSerializable(typeof(DecisionsResponse))]
[JsonSerializable(typeof(SeedDecisionsResponse))]
[JsonSerializable(typeof(ExportResponse))]
[JsonSerializable(typeof(AlertsResponse))]
[JsonSerializable(typeof(ShadowResponse))]
[JsonSerializable(typeof(BaselineCaptureResponse))]
[JsonSerializable(typeof(ConfigUpdateResponse))]
[JsonSerializable(typeof(JsonObject))]
// What the status components (IStatusContributor) report, typed object.
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(ReadinessResult))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
// Change-log records (RuntimeConfigFile).
[JsonSerializable(typeof(ConfigChange))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
