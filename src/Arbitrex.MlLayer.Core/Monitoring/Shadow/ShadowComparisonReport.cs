namespace Arbitrex.MlLayer.Core.Monitoring.Shadow;

/// <summary>The comparison of one live/shadow pair of configs, as <c>GET /models/shadow</c> shows it.</summary>
/// <param name="LiveConfigHash">The live config hash the compared decisions carry; null before the first bar.</param>
/// <param name="ShadowConfigHash">The shadow config hash the compared shadow decisions carry; null before the first bar.</param>
/// <param name="Since">When the first bar of this pair was compared (a change of either config starts afresh), UTC.</param>
/// <param name="SinceStart">Every bar since <paramref name="Since"/> (no p95: the window keeps the samples for that).</param>
/// <param name="Window">The last <paramref name="WindowBars"/> bars at most.</param>
/// <param name="Disagreements">The last 100 bars on which they disagreed, newest first.</param>
public sealed record ShadowComparisonReport(
    string? LiveConfigHash,
    string? ShadowConfigHash,
    DateTime? Since,
    ShadowAgreement SinceStart,
    int WindowBars,
    ShadowAgreement Window,
    IReadOnlyList<ShadowDisagreement> Disagreements);
