namespace Arbitrex.MlLayer.Core.Monitoring.Shadow;

/// <summary>What became of the bars handed to the shadow path, since start. Thread-safe.</summary>
public sealed class ShadowPathCounters
{
    private long _decided;
    private long _dropped;
    private long _skipped;
    private long _failed;

    /// <summary>Bars decided by the shadow (audited, published, compared).</summary>
    public long Decided => Interlocked.Read(ref _decided);

    /// <summary>Bars left out because the shadow queue was full: the live path never waits for the shadow.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Bars left out because the config changed between the live decision and its shadow.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Bars the shadow could not decide, audit or publish (logged with the reason).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public void CountDecided() => Interlocked.Increment(ref _decided);

    public void CountDropped() => Interlocked.Increment(ref _dropped);

    public void CountSkipped() => Interlocked.Increment(ref _skipped);

    public void CountFailed() => Interlocked.Increment(ref _failed);
}
