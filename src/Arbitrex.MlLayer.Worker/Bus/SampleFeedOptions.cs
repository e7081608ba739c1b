namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>The <c>Bus:SampleFeed</c> section: synthetic bars published by the in-memory demo.</summary>
public sealed record SampleFeedOptions
{
    /// <summary>Only honoured with the in-memory transport.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Symbols to publish; empty means EURUSD, GBPUSD and USDJPY.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    public IReadOnlyList<string> EffectiveSymbols => Symbols.Count == 0 ? ["EURUSD", "GBPUSD", "USDJPY"] : Symbols;

    public string Timeframe { get; init; } = "4H";

    /// <summary>Pause between two rounds of bars (one bar per symbol per round).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);
}
