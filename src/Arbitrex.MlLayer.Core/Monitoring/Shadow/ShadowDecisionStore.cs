using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Registry = Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Monitoring.Shadow;

/// <summary>
/// The latest shadow decisions by <c>decision_id</c> (the live decision's id: one bar, one id), bounded: the oldest
/// is forgotten first. Lets live quality score the shadow on the same bars as the live model once outcomes arrive
/// (<see cref="ShadowOf"/>). Thread-safe.
/// </summary>
public sealed class ShadowDecisionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, MlDecision> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public ShadowDecisionStore(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    public void Add(MlDecision shadow)
    {
        ArgumentNullException.ThrowIfNull(shadow);
        lock (_gate)
        {
            if (_byId.TryAdd(shadow.DecisionId, shadow))
            {
                _order.Enqueue(shadow.DecisionId);
                while (_order.Count > Capacity)
                {
                    _byId.Remove(_order.Dequeue());
                }
            }
            else
            {
                _byId[shadow.DecisionId] = shadow;
            }
        }
    }

    public bool TryGet(string decisionId, out MlDecision shadow)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(decisionId, out shadow!);
        }
    }

    /// <summary>
    /// The outcome of <paramref name="live"/> scored against the shadow decision of the same bar (the shadow's
    /// versions, probability, allow_trade and regime), or null when the store holds no shadow decision for it.
    /// </summary>
    public ScoredOutcome? ShadowOf(ScoredOutcome live)
    {
        ArgumentNullException.ThrowIfNull(live);
        if (!TryGet(live.DecisionId, out var shadow))
        {
            return null;
        }

        return live with
        {
            SignalFilterVersion = shadow.ModelVersions.GetValueOrDefault(Registry.ModelNames.SignalFilter, live.SignalFilterVersion),
            RegimeClassifierVersion = shadow.ModelVersions.GetValueOrDefault(Registry.ModelNames.RegimeClassifier, live.RegimeClassifierVersion),
            Regime = shadow.Regime.RegimeLabel,
            SuccessProbability = shadow.Signal.SuccessProbability,
            AllowTrade = shadow.AllowTrade,
        };
    }
}
