using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Core.Monitoring.Shadow;

/// <summary>
/// Scores the shadow against the live model on the same bars once outcomes arrive: every recorded outcome whose bar
/// the shadow also decided (<see cref="ShadowDecisionStore.ShadowOf"/>) becomes a pair, kept in a window of the last
/// <see cref="LiveQualityOptions.WindowOutcomes"/> pairs and figured with the live quality's own computation
/// (<see cref="QualityMath"/>, scikit-learn's definitions). A new live or shadow version starts the window afresh,
/// so both sides always cover the same bars of one pair of versions.
/// </summary>
public sealed class ShadowQuality : IOutcomeSink
{
    private readonly Lock _gate = new();
    private readonly ShadowDecisionStore _store;
    private readonly int _capacity;
    private readonly int _minOutcomes;
    private readonly Queue<(OutcomePoint Live, OutcomePoint Shadow)> _pairs = new();
    private string? _liveVersion;
    private string? _shadowVersion;

    public ShadowQuality(ShadowDecisionStore store, IOptions<LiveQualityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _capacity = options.Value.WindowOutcomes;
        _minOutcomes = options.Value.MinOutcomes;
    }

    public void Record(ScoredOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (_store.ShadowOf(outcome) is not { } shadow)
        {
            return;
        }

        lock (_gate)
        {
            if (!string.Equals(_liveVersion, outcome.SignalFilterVersion, StringComparison.Ordinal)
                || !string.Equals(_shadowVersion, shadow.SignalFilterVersion, StringComparison.Ordinal))
            {
                _pairs.Clear();
                (_liveVersion, _shadowVersion) = (outcome.SignalFilterVersion, shadow.SignalFilterVersion);
            }

            _pairs.Enqueue((Point(outcome), Point(shadow)));
            while (_pairs.Count > _capacity)
            {
                _pairs.Dequeue();
            }
        }
    }

    public ShadowQualityReport Report()
    {
        OutcomePoint[] live, shadow;
        string? liveVersion, shadowVersion;
        lock (_gate)
        {
            live = [.. _pairs.Select(p => p.Live)];
            shadow = [.. _pairs.Select(p => p.Shadow)];
            (liveVersion, shadowVersion) = (_liveVersion, _shadowVersion);
        }

        return new ShadowQualityReport(liveVersion, shadowVersion, live.Length, QualityMath.Compute(live, _minOutcomes), QualityMath.Compute(shadow, _minOutcomes));
    }

    // The regime slot only splits figures per regime, which the pairs do not report.
    private static OutcomePoint Point(ScoredOutcome outcome) =>
        new(outcome.SuccessProbability, outcome.Success, outcome.AllowTrade, 0, outcome.RecordedAt.Ticks);
}
