namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>The model whose baseline applies (the active signal filter), and that baseline when it has one.</summary>
public sealed record ActiveBaseline(string Model, string Version, DriftBaseline? Baseline);
