using System.Text.Json;
using System.Text.Json.Serialization;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Models.RuleBased;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Json;

/// <summary>
/// Compile-time serialisation metadata for the files and documents Core reads and writes: the runtime config, the
/// registry's index and metadata, drift baselines, monitor snapshots and rule-based model files.
/// </summary>
/// <remarks>
/// Each use runs it under its own options (<see cref="RegistryJson"/>, <see cref="EngineConfigJson"/>, the monitor's
/// export, the rule-based reader), which decide naming, number handling and converters at run time; the attribute only
/// names the common snake_case.
/// </remarks>
[JsonSourceGenerationOptions(JsonSerializerDefaults.General, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EngineConfig))]
[JsonSerializable(typeof(RegistryIndex))]
[JsonSerializable(typeof(RegistryEntry))]
[JsonSerializable(typeof(ModelMetadata))]
[JsonSerializable(typeof(DriftBaseline))]
[JsonSerializable(typeof(DecileBaseline))]
[JsonSerializable(typeof(Dictionary<string, DecileBaseline>))]
[JsonSerializable(typeof(MonitorSnapshot))]
[JsonSerializable(typeof(RegimeRuleParameters))]
[JsonSerializable(typeof(SignalRuleParameters))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
