using System.Threading.Channels;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring.Shadow;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Shadow;

/// <summary>
/// Where the live path hands a decided bar to the shadow: after its decision is audited and published, without
/// waiting. With no shadow configured it costs one read of the engine snapshot; when the bounded queue is full the
/// bar is counted as dropped and left out, so the shadow never holds back an acknowledgement.
/// </summary>
public sealed class ShadowHandoff(InferenceEngine engine, ShadowPathCounters counters, IOptions<ShadowOptions> options)
{
    private readonly Channel<ShadowBar> _bars = Channel.CreateBounded<ShadowBar>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <summary>Bars waiting for the shadow.</summary>
    public int Pending => _bars.Reader.Count;

    public int Capacity { get; } = options.Value.QueueCapacity;

    internal ChannelReader<ShadowBar> Reader => _bars.Reader;

    /// <summary>Queues the shadow decision of a bar the live path decided as <paramref name="live"/>; never blocks.</summary>
    public void Offer(MlDecision live, IReadOnlyDictionary<string, double> features, QseOutput qse)
    {
        ArgumentNullException.ThrowIfNull(live);
        var snapshot = engine.Snapshot;
        if (snapshot.Shadow is null)
        {
            return;
        }

        // A config change between the live decision and here: the shadow would be compared with another live config.
        if (!string.Equals(snapshot.ConfigHash, live.ConfigHash, StringComparison.Ordinal))
        {
            counters.CountSkipped();
            return;
        }

        if (!_bars.Writer.TryWrite(new ShadowBar(snapshot, live, features, qse)))
        {
            counters.CountDropped();
        }
    }

    internal void Complete() => _bars.Writer.TryComplete();
}
