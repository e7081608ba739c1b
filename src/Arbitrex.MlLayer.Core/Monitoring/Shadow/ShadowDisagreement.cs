using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Monitoring.Shadow;

/// <summary>A bar on which the shadow decided otherwise than the live path, with both decisions.</summary>
/// <param name="Fields">What differs: <c>allow_trade</c>, <c>regime</c> or both.</param>
public sealed record ShadowDisagreement(string DecisionId, IReadOnlyList<string> Fields, MlDecision Live, MlDecision Shadow);
