using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Monitoring.Shadow;

/// <summary>
/// Compares each shadow decision with the live decision of the same bar: agreement of <c>allow_trade</c> and of the
/// regime label, |Δ success_probability|, since the pair of configs took effect and over a sliding window of bars, and
/// the last bars on which they disagreed. A pair with another live or shadow config hash starts afresh, so a
/// promotion or a new challenger is never mixed with what came before. Thread-safe.
/// </summary>
public sealed class ShadowComparison
{
    public const int DisagreementCapacity = 100;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Sample[] _window;
    private readonly LinkedList<ShadowDisagreement> _disagreements = new();
    private long _written;
    private string? _liveHash;
    private string? _shadowHash;
    private DateTime? _since;
    private long _bars;
    private long _allowAgreed;
    private long _regimeAgreed;
    private double _deltaSum;
    private double _deltaMax;

    /// <param name="windowBars">How many of the latest bars the windowed figures cover.</param>
    public ShadowComparison(int windowBars, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowBars, 1);
        _window = new Sample[windowBars];
        _time = time ?? TimeProvider.System;
    }

    public int WindowBars => _window.Length;

    public void Record(MlDecision live, MlDecision shadow)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(shadow);
        var allowAgrees = live.AllowTrade == shadow.AllowTrade;
        var regimeAgrees = string.Equals(live.Regime.RegimeLabel, shadow.Regime.RegimeLabel, StringComparison.Ordinal);
        var delta = Math.Abs(shadow.Signal.SuccessProbability - live.Signal.SuccessProbability);
        lock (_gate)
        {
            if (live.ConfigHash != _liveHash || shadow.ConfigHash != _shadowHash)
            {
                ClearLocked();
                _liveHash = live.ConfigHash;
                _shadowHash = shadow.ConfigHash;
                _since = _time.GetUtcNow().UtcDateTime;
            }

            _bars++;
            _allowAgreed += allowAgrees ? 1 : 0;
            _regimeAgreed += regimeAgrees ? 1 : 0;
            _deltaSum += delta;
            _deltaMax = Math.Max(_deltaMax, delta);
            _window[_written++ % _window.Length] = new Sample(allowAgrees, regimeAgrees, delta);
            if (!allowAgrees || !regimeAgrees)
            {
                string[] fields = allowAgrees ? ["regime"] : regimeAgrees ? ["allow_trade"] : ["allow_trade", "regime"];
                _disagreements.AddFirst(new ShadowDisagreement(live.DecisionId, fields, live, shadow));
                if (_disagreements.Count > DisagreementCapacity)
                {
                    _disagreements.RemoveLast();
                }
            }
        }
    }

    /// <summary>Forgets every compared bar (<c>POST /reset</c>).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            ClearLocked();
            _liveHash = null;
            _shadowHash = null;
        }
    }

    public ShadowComparisonReport Report()
    {
        lock (_gate)
        {
            var sinceStart = _bars == 0
                ? new ShadowAgreement(0, null, null, null, null, null)
                : new ShadowAgreement(_bars, (double)_allowAgreed / _bars, (double)_regimeAgreed / _bars, _deltaSum / _bars, null, _deltaMax);
            return new ShadowComparisonReport(_liveHash, _shadowHash, _since, sinceStart, _window.Length, WindowLocked(), [.. _disagreements]);
        }
    }

    private ShadowAgreement WindowLocked()
    {
        var count = (int)Math.Min(_written, _window.Length);
        if (count == 0)
        {
            return new ShadowAgreement(0, null, null, null, null, null);
        }

        var deltas = new double[count];
        long allowAgreed = 0, regimeAgreed = 0;
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            var sample = _window[i];
            allowAgreed += sample.AllowAgrees ? 1 : 0;
            regimeAgreed += sample.RegimeAgrees ? 1 : 0;
            deltas[i] = sample.Delta;
            sum += sample.Delta;
        }

        Array.Sort(deltas);
        var rank = (int)Math.Ceiling(0.95 * count);
        return new ShadowAgreement(count, (double)allowAgreed / count, (double)regimeAgreed / count, sum / count, deltas[Math.Clamp(rank, 1, count) - 1], deltas[^1]);
    }

    private void ClearLocked()
    {
        _written = 0;
        _bars = 0;
        _allowAgreed = 0;
        _regimeAgreed = 0;
        _deltaSum = 0;
        _deltaMax = 0;
        _since = null;
        _disagreements.Clear();
    }

    private readonly record struct Sample(bool AllowAgrees, bool RegimeAgrees, double Delta);
}
