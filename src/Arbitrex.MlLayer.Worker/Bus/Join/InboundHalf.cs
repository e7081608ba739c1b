using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>One validated half of a bar; exactly one of <see cref="Features"/> and <see cref="Qse"/> is set.</summary>
public sealed record InboundHalf
{
    private InboundHalf(BarKey key, FeatureSnapshot? features, QseOutput? qse)
    {
        Key = key;
        Features = features;
        Qse = qse;
    }

    public BarKey Key { get; }

    public FeatureSnapshot? Features { get; }

    public QseOutput? Qse { get; }

    public HalfKind Kind => Features is null ? HalfKind.QseOutput : HalfKind.FeatureSnapshot;

    public static InboundHalf Of(FeatureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new InboundHalf(new BarKey(snapshot.Symbol, snapshot.Timeframe, snapshot.BarTime), snapshot, null);
    }

    public static InboundHalf Of(QseOutput qse)
    {
        ArgumentNullException.ThrowIfNull(qse);
        return new InboundHalf(new BarKey(qse.Symbol, qse.Timeframe, qse.BarTime), null, qse);
    }
}
