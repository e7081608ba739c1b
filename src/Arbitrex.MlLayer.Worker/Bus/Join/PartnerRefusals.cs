namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// Tells a bar that the reader refused one of its halves (it went to the error queue): a partner waiting now is woken,
/// and one still to come is told on arrival (the refusals of the last N bars are remembered), so the bar is decided
/// fail-closed naming the refusal instead of after the join window as "not received".
/// </summary>
internal sealed class PartnerRefusals(int capacity)
{
    private readonly BoundedBarMap<RefusedHalf> _refusals = new(capacity);

    public void Refuse(BarKey key, RefusedHalf refusal, PendingBars pending)
    {
        _refusals.Add(key, refusal);
        if (pending.TryGet(key, out var bar))
        {
            lock (bar)
            {
                bar.Refuse(refusal);
            }
        }
    }

    /// <summary>Tells a bar just holding a new half of an earlier refusal. Called with the bar locked.</summary>
    public void TellArriving(PendingBar bar)
    {
        if (_refusals.TryGet(bar.Key, out var refusal))
        {
            bar.Refuse(refusal);
        }
    }
}
