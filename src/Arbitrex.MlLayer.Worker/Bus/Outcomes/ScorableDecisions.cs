using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Bus.Outcomes;

/// <summary>
/// The last <c>capacity</c> bus decisions by <c>decision_id</c>, oldest forgotten first: what an outcome can be joined
/// to. Fed as decisions are audited and, at start, from the audit log, so a restart forgets nothing. Regime labels,
/// config hashes and model-version sets repeat across decisions and are stored once. Thread-safe.
/// </summary>
public sealed class ScorableDecisions(int capacity)
{
    private readonly Dictionary<string, ScorableDecision> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _versionSets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Capacity => capacity;

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

    /// <summary>Remembers an audited bus decision; one already remembered is kept as it is.</summary>
    public void Add(MlDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Add(
            decision.DecisionId,
            new BarKey(decision.Symbol, decision.Timeframe, decision.BarTime),
            decision.Signal.SuccessProbability,
            decision.AllowTrade,
            decision.Regime.RegimeLabel,
            decision.ModelVersions,
            decision.ConfigHash);
    }

    public void Add(string decisionId, BarKey bar, double signalProbability, bool allowed, string regime, IReadOnlyDictionary<string, string> modelVersions, string configHash)
    {
        ArgumentNullException.ThrowIfNull(decisionId);
        ArgumentNullException.ThrowIfNull(modelVersions);
        lock (_gate)
        {
            if (_byId.ContainsKey(decisionId))
            {
                return;
            }

            var entry = new ScorableDecision(
                decisionId,
                new BarKey(Intern(bar.Symbol), Intern(bar.Timeframe), bar.BarTime),
                signalProbability,
                allowed,
                Intern(regime),
                InternVersions(modelVersions),
                Intern(configHash));
            _byId.Add(decisionId, entry);
            _order.Enqueue(decisionId);
            while (_order.Count > capacity)
            {
                _byId.Remove(_order.Dequeue());
            }
        }
    }

    public bool TryGet(string decisionId, out ScorableDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decisionId);
        lock (_gate)
        {
            return _byId.TryGetValue(decisionId, out decision!);
        }
    }

    /// <summary>Notes that the outcome of <paramref name="decisionId"/> is in the audit log; nothing for a decision not remembered.</summary>
    public void MarkRecorded(string decisionId)
    {
        if (TryGet(decisionId, out var decision))
        {
            decision.MarkRecorded();
        }
    }

    private string Intern(string value)
    {
        if (_strings.TryGetValue(value, out var kept))
        {
            return kept;
        }

        // Bounded: labels, hashes and symbols are few; a flood of distinct ones is simply not shared.
        if (_strings.Count < 4096)
        {
            _strings[value] = value;
        }

        return value;
    }

    private IReadOnlyDictionary<string, string> InternVersions(IReadOnlyDictionary<string, string> versions)
    {
        var key = string.Join('\n', versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value));
        if (_versionSets.TryGetValue(key, out var kept))
        {
            return kept;
        }

        var copy = versions.ToDictionary(v => Intern(v.Key), v => Intern(v.Value), StringComparer.Ordinal);
        if (_versionSets.Count < 1024)
        {
            _versionSets[key] = copy;
        }

        return copy;
    }
}
