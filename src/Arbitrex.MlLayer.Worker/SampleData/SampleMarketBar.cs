using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.SampleData;

/// <summary>One row of the sample market: the regime the prices were simulated in, the 16 canonical features (in
/// <see cref="CanonicalFeatures.All"/> order) and the five QSE gates.</summary>
internal sealed record SampleMarketBar(string SimulatedRegime, IReadOnlyList<double> Features, IReadOnlyList<QseGate> Gates);
