using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>GET /models/list</c> and <c>GET /models/{name}/versions</c>: registry entries and the versions the engine serves now.</summary>
public sealed record ModelListResponse(IReadOnlyList<RegistryEntry> Models, IReadOnlyDictionary<string, string> Active);
