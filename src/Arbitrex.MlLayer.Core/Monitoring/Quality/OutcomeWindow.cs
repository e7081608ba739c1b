namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>
/// One version's last outcomes, newest overwriting oldest once <c>capacity</c> is reached. <see cref="Add"/>
/// is a short lock and a struct copy; the figures are computed on read from a copy and cached until an
/// outcome is added or the oldest one they include ages out.
/// </summary>
internal sealed class OutcomeWindow(string version, int capacity)
{
    private readonly Lock _gate = new();
    private OutcomePoint[] _ring = new OutcomePoint[Math.Min(capacity, 64)];
    private int _next;
    private int _count;
    private long _changes;
    private long _newestTicks;
    private Cached? _cached;

    public string Version { get; } = version;

    /// <summary>When the newest outcome was recorded (ticks), for choosing which version gives way.</summary>
    public long NewestTicks => Volatile.Read(ref _newestTicks);

    public void Add(in OutcomePoint point)
    {
        lock (_gate)
        {
            if (_count == _ring.Length && _ring.Length < capacity)
            {
                // Grows while not full, so a version with few outcomes does not hold a full window's memory.
                Array.Resize(ref _ring, Math.Min(capacity, _ring.Length * 2));
                _next = _count;
            }

            _ring[_next] = point;
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
            _changes++;
            if (point.RecordedTicks > _newestTicks)
            {
                Volatile.Write(ref _newestTicks, point.RecordedTicks);
            }
        }
    }

    /// <summary>The figures over the outcomes recorded after <paramref name="cutoffTicks"/>.</summary>
    public VersionQuality Quality(long cutoffTicks, int minOutcomes)
    {
        long changes;
        OutcomePoint[] points;
        lock (_gate)
        {
            if (_cached is { } cached && cached.Changes == _changes && cached.MinOutcomes == minOutcomes && cutoffTicks < cached.OldestIncludedTicks && cutoffTicks >= cached.CutoffTicks)
            {
                return cached.Quality;
            }

            changes = _changes;
            points = InWindow(cutoffTicks);
        }

        var quality = Compute(points, minOutcomes);
        var oldest = points.Length == 0 ? long.MaxValue : points.Min(p => p.RecordedTicks);
        lock (_gate)
        {
            if (_changes == changes)
            {
                _cached = new Cached(changes, minOutcomes, cutoffTicks, oldest, quality);
            }
        }

        return quality;
    }

    /// <summary>The outcomes recorded after <paramref name="cutoffTicks"/>, oldest first.</summary>
    public OutcomePoint[] Points(long cutoffTicks)
    {
        lock (_gate)
        {
            return InWindow(cutoffTicks);
        }
    }

    private OutcomePoint[] InWindow(long cutoffTicks)
    {
        var start = _count < _ring.Length ? 0 : _next;
        var selected = new List<OutcomePoint>(_count);
        for (var i = 0; i < _count; i++)
        {
            var point = _ring[(start + i) % _ring.Length];
            if (point.RecordedTicks > cutoffTicks)
            {
                selected.Add(point);
            }
        }

        return [.. selected];
    }

    private VersionQuality Compute(OutcomePoint[] points, int minOutcomes)
    {
        var regimes = new SortedDictionary<string, QualityFigures>(StringComparer.Ordinal);
        for (var slot = 0; slot < RegimeSlot.Count; slot++)
        {
            var inRegime = Array.FindAll(points, p => p.RegimeSlot == slot);
            if (inRegime.Length > 0)
            {
                regimes[RegimeSlot.Labels[slot]] = QualityMath.Compute(inRegime, minOutcomes);
            }
        }

        return new VersionQuality
        {
            ModelVersion = Version,
            OldestOutcomeAt = points.Length == 0 ? null : new DateTimeOffset(points.Min(p => p.RecordedTicks), TimeSpan.Zero),
            NewestOutcomeAt = points.Length == 0 ? null : new DateTimeOffset(points.Max(p => p.RecordedTicks), TimeSpan.Zero),
            Overall = QualityMath.Compute(points, minOutcomes),
            Regimes = regimes,
        };
    }

    private sealed record Cached(long Changes, int MinOutcomes, long CutoffTicks, long OldestIncludedTicks, VersionQuality Quality);
}
