namespace Arbitrex.MlLayer.Worker.SampleData;

/// <summary>
/// When the embedded demo publishes which bar: it starts <c>HistoryBars</c> bars back from the clock and replays
/// them quickly (one round per interval) until it has caught up, then publishes each bar once it has closed, as
/// a feature pipeline would. A bar time is therefore never ahead of the clock.
/// </summary>
internal sealed class SampleReplay(TimeSpan barLength, int historyBars)
{
    public TimeSpan BarLength { get; } = barLength;

    /// <summary>The open time of the bar containing <paramref name="now"/> (weeks start on Monday: tick 0 is one).</summary>
    public DateTime Floor(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        return new DateTime(ticks - (ticks % BarLength.Ticks), DateTimeKind.Utc);
    }

    /// <summary>The oldest bar the replay publishes when it starts at <paramref name="now"/>.</summary>
    public DateTime FirstBar(DateTimeOffset now) => Floor(now) - (historyBars * BarLength);

    /// <summary>
    /// How long to wait before publishing the bar that opens at <paramref name="barTime"/>: the replay pause while
    /// the bar has already closed, else until it closes.
    /// </summary>
    public TimeSpan DelayBefore(DateTime barTime, DateTimeOffset now, TimeSpan replayInterval)
    {
        var closesAt = new DateTimeOffset(barTime + BarLength, TimeSpan.Zero);
        return closesAt <= now ? replayInterval : closesAt - now;
    }
}
