namespace Arbitrex.MlLayer.Core.Monitoring.Shadow;

/// <summary>How far the shadow decisions agree with the live ones over a set of bars; rates and deltas are null without bars.</summary>
/// <param name="Bars">Bars decided by both.</param>
/// <param name="AllowTradeAgreement">Share of bars with the same <c>allow_trade</c> (0-1).</param>
/// <param name="RegimeAgreement">Share of bars with the same regime label (0-1).</param>
/// <param name="MeanProbabilityDelta">Mean |shadow − live| <c>success_probability</c>.</param>
/// <param name="P95ProbabilityDelta">Nearest-rank 95th percentile of |Δ success_probability|; only over the window.</param>
/// <param name="MaxProbabilityDelta">Largest |Δ success_probability|.</param>
public sealed record ShadowAgreement(
    long Bars,
    double? AllowTradeAgreement,
    double? RegimeAgreement,
    double? MeanProbabilityDelta,
    double? P95ProbabilityDelta,
    double? MaxProbabilityDelta);
