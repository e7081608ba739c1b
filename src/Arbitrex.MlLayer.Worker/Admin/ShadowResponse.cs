using Arbitrex.MlLayer.Core.Monitoring.Shadow;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>GET /models/shadow</c>.</summary>
/// <param name="Configured">A shadow model is set (<c>model.shadow_*_version</c>).</param>
/// <param name="ShadowVersions">The shadow version of each model; null for a model decided by its live version.</param>
/// <param name="LiveVersions">The live versions the shadow is compared with.</param>
/// <param name="ConfigHash">The live config hash.</param>
/// <param name="ShadowConfigHash">The config hash the shadow decisions carry; null without a shadow.</param>
/// <param name="Quality">Live and shadow quality on the same bars, from the trade outcomes of bars both decided.</param>
public sealed record ShadowResponse(
    bool Configured,
    IReadOnlyDictionary<string, string?> ShadowVersions,
    IReadOnlyDictionary<string, string> LiveVersions,
    string ConfigHash,
    string? ShadowConfigHash,
    ShadowComparisonReport Comparison,
    ShadowPathStatus Path,
    ShadowQualityReport Quality);
