using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>
/// The latest decided bars: one fixed ring buffer per canonical feature and one for <c>success_probability</c>.
/// Adding a bar copies 17 numbers under a short lock and allocates nothing. The probabilities belong to one signal
/// filter version: when a bar decided by another version arrives they start again, since another model's
/// predictions say nothing about this one's drift.
/// </summary>
public sealed class LiveFeatureWindow
{
    private readonly Lock _gate = new();
    private readonly double[][] _features;
    private readonly double[] _probabilities;
    private long _bars;
    private long _predictions;
    private string? _signalFilterVersion;

    public LiveFeatureWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _features = [.. CanonicalFeatures.All.Select(_ => new double[capacity])];
        _probabilities = new double[capacity];
    }

    public int Capacity { get; }

    /// <summary>Bars added since start (or the last <see cref="Clear"/>); changes with every bar.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _bars;
            }
        }
    }

    /// <summary>Adds one bar. A feature the bar lacks is kept as NaN and left out of that feature's statistics.</summary>
    public void Add(IReadOnlyDictionary<string, double> features, double successProbability, string? signalFilterVersion)
    {
        ArgumentNullException.ThrowIfNull(features);
        Span<double> row = stackalloc double[CanonicalFeatures.All.Count];
        for (var f = 0; f < row.Length; f++)
        {
            row[f] = features.TryGetValue(CanonicalFeatures.All[f], out var value) ? value : double.NaN;
        }

        lock (_gate)
        {
            var slot = (int)(_bars % Capacity);
            for (var f = 0; f < row.Length; f++)
            {
                _features[f][slot] = row[f];
            }

            _bars++;
            if (!string.Equals(signalFilterVersion, _signalFilterVersion, StringComparison.Ordinal))
            {
                _signalFilterVersion = signalFilterVersion;
                _predictions = 0;
            }

            _probabilities[(int)(_predictions % Capacity)] = successProbability;
            _predictions++;
        }
    }

    /// <summary>The last <paramref name="bars"/> (default: all held) values of each feature, oldest first, NaN left out; and the probabilities of the current signal filter.</summary>
    public LiveWindowCopy Copy(int? bars = null)
    {
        lock (_gate)
        {
            var held = (int)Math.Min(_bars, Capacity);
            var take = Math.Min(held, bars ?? held);
            var features = new Dictionary<string, double[]>(StringComparer.Ordinal);
            for (var f = 0; f < _features.Length; f++)
            {
                features[CanonicalFeatures.All[f]] = [.. Newest(_features[f], _bars, take).Where(double.IsFinite)];
            }

            var predictions = (int)Math.Min(_predictions, Capacity);
            return new LiveWindowCopy(take, features, [.. Newest(_probabilities, _predictions, Math.Min(predictions, take))], _signalFilterVersion);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _bars = 0;
            _predictions = 0;
            _signalFilterVersion = null;
        }
    }

    private static IEnumerable<double> Newest(double[] ring, long written, int count)
    {
        for (var i = written - count; i < written; i++)
        {
            yield return ring[(int)(i % ring.Length)];
        }
    }
}
