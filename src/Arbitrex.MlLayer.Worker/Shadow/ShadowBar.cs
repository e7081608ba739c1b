using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Worker.Shadow;

/// <summary>A bar the live path decided (and published) with <paramref name="Snapshot"/>, waiting for its shadow decision.</summary>
internal sealed record ShadowBar(EngineSnapshot Snapshot, MlDecision Live, IReadOnlyDictionary<string, double> Features, QseOutput Qse);
