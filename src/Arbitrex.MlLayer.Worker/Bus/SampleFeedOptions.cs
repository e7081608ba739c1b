using Arbitrex.MlLayer.Worker.SampleData;

namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>The <c>Bus:SampleFeed</c> section: the embedded demo's replay of the shipped sample market.</summary>
public sealed record SampleFeedOptions
{
    /// <summary>Only honoured with the in-memory transport.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Symbols to publish; empty means the sample market's own (EURUSD, GBPUSD, USDJPY, AUDUSD).</summary>
    public IReadOnlyList<string> Symbols { get; set; } = [];

    public IReadOnlyList<string> EffectiveSymbols => Symbols.Count == 0 ? SampleMarket.Embedded.Symbols : Symbols;

    public string Timeframe { get; set; } = "1M";

    /// <summary>How many closed bars before the current one the replay starts with. Default 720 (12 hours of 1M bars).</summary>
    public int HistoryBars { get; set; } = 720;

    /// <summary>Pause between two rounds of bars (one bar per symbol) while the replay catches up with the clock; once
    /// it has, each bar is published when it closes. Default 100 ms.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(100);
}
