namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>The drift section of <c>GET /metrics</c>: every feature and the prediction over the live window, against the active signal filter's baseline.</summary>
public sealed record DriftReport
{
    /// <summary>The model whose baseline applies: the active signal filter.</summary>
    public required string Model { get; init; }

    public required string Version { get; init; }

    /// <summary>Whether that version has a baseline; without one, <c>POST /models/{name}/{version}/baseline</c> captures it.</summary>
    public required bool HasBaseline { get; init; }

    /// <summary>Bars in the live window (at most <see cref="WindowBars"/>).</summary>
    public required int SampleSize { get; init; }

    public required int WindowBars { get; init; }

    public required int MinSample { get; init; }

    /// <summary>The largest feature PSI with a verdict; null when no feature has one.</summary>
    public required double? MaxPsi { get; init; }

    /// <summary>The canonical features in order.</summary>
    public required IReadOnlyDictionary<string, DriftStatistics> Features { get; init; }

    /// <summary>PSI of <c>success_probability</c> against the validation predictions (<c>prediction_baseline</c>).</summary>
    public required DriftStatistics Prediction { get; init; }

    public required DateTimeOffset ComputedAt { get; init; }
}
