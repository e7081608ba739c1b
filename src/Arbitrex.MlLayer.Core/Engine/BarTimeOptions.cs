namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>How far ahead of the clock a <c>bar_time</c> may be (section <c>Engine</c>).</summary>
public sealed class BarTimeOptions
{
    public const string SectionName = "Engine";

    /// <summary>
    /// <c>Engine:MaxBarTimeSkew</c>: a bar whose <c>bar_time</c> is later than now plus this is refused, never
    /// decided. Null (the default) allows one bar length of the bar's timeframe (4 hours for a 4H bar), which
    /// admits a bar published the moment it opens on a clock that runs a little behind.
    /// </summary>
    public TimeSpan? MaxBarTimeSkew { get; set; }

    /// <summary>The skew allowed for a bar of <paramref name="timeframe"/> (a supported one).</summary>
    public TimeSpan AllowedSkew(string timeframe) => MaxBarTimeSkew ?? Timeframes.Length(timeframe);
}
