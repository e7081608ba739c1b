using Arbitrex.MlLayer.Core.Monitoring.Quality;

namespace Arbitrex.MlLayer.Core.Monitoring.Shadow;

/// <summary>
/// Live and shadow quality on the same bars: the outcomes whose bar the shadow also decided, scored once against
/// the live decision and once against the shadow's.
/// </summary>
/// <param name="LiveVersion">The live signal filter version of the pairs; null before the first pair.</param>
/// <param name="ShadowVersion">The shadow signal filter version of the pairs; null before the first pair.</param>
/// <param name="Pairs">Outcomes in the window that have both decisions.</param>
/// <param name="Live">The live decisions' figures over those outcomes.</param>
/// <param name="Shadow">The shadow decisions' figures over the same outcomes.</param>
public sealed record ShadowQualityReport(string? LiveVersion, string? ShadowVersion, int Pairs, QualityFigures Live, QualityFigures Shadow);
