using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>The shadow path: a bar the live path decided, decided again with the shadow models, touching no live state.</summary>
public sealed partial class InferenceEngine
{
    /// <summary>
    /// The regime smoothing of the shadow path, kept apart from <see cref="Smoother"/> so a shadow regime classifier
    /// smooths its own labels as it would have live; cleared when the shadow regime classifier changes.
    /// </summary>
    public RegimeSmoother ShadowSmoother { get; } = new();

    /// <summary>
    /// The shadow decision for a bar the live path decided as <paramref name="live"/> with <paramref name="snapshot"/>;
    /// null when <paramref name="snapshot"/> has no shadow. A shadow of the signal filter alone decides with the live
    /// decision's regime label (what the shadow would have seen live); a shadow regime classifier counts the bar in
    /// <see cref="ShadowSmoother"/>. Nothing of the live path (its smoothing, snapshot or decision) is read or moved.
    /// </summary>
    /// <exception cref="InvalidInputException">The bar lacks a feature only the shadow model reads, or the shadow model yields a non-finite output.</exception>
    public MlDecision? PredictShadow(EngineSnapshot snapshot, MlDecision live, IReadOnlyDictionary<string, double> features, QseOutput qse)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(live);
        if (snapshot.Shadow is not { } shadow)
        {
            return null;
        }

        MarketRegime? liveLabel = null;
        if (!snapshot.ShadowsRegime)
        {
            liveLabel = MarketRegimes.TryParse(live.Regime.RegimeLabel, out var regime)
                ? regime
                : throw new ArgumentException($"'{live.Regime.RegimeLabel}' is not a regime label.", nameof(live));
        }

        return Decide(shadow, ShadowSmoother, liveLabel, live.Symbol, live.Timeframe, live.BarTime, features, qse, SmoothingUse.Count);
    }

    private void ResetShadowSmoothingOnNewChallenger(EngineSnapshot previous, EngineSnapshot next)
    {
        if (previous.Config.Model.ShadowRegimeClassifierVersion != next.Config.Model.ShadowRegimeClassifierVersion)
        {
            ShadowSmoother.Reset();
        }
    }
}
