using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>GET /models/{name}/{version}</c>: the index entry, the stored metadata (free-form fields
/// included, as registered) and whether the version is active.</summary>
public sealed record ModelVersionResponse(RegistryEntry Model, ModelMetadata Metadata, bool Active);
