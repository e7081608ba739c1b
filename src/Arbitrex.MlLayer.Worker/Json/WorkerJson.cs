using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Worker.Json;

/// <summary>
/// The shared JSON settings extended with the worker's own types (<see cref="WorkerJsonContext"/>): the contract's for
/// admin request bodies and change-log records, the registry files' for registry-shaped records of admin changes.
/// </summary>
internal static class WorkerJson
{
    public static JsonSerializerOptions Contract { get; } = WithWorkerTypes(ContractJson.Options);

    public static JsonSerializerOptions Registry { get; } = WithWorkerTypes(RegistryJson.Options);

    private static JsonSerializerOptions WithWorkerTypes(JsonSerializerOptions options)
    {
        var extended = new JsonSerializerOptions(options);
        extended.TypeInfoResolverChain.Insert(0, WorkerJsonContext.Default);
        extended.MakeReadOnly();
        return extended;
    }
}
