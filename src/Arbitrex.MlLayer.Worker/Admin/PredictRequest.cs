using System.Text.Json.Serialization;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Body of <c>POST /predict</c>, as in the seed: <c>{symbol, timeframe, features, qse_output}</c>.</summary>
public sealed record PredictRequest
{
    public string? Symbol { get; init; }

    public string? Timeframe { get; init; }

    /// <summary>Optional: when absent, <c>qse_output.bar_time</c>, else the current bar; floored to the timeframe.</summary>
    public DateTime? BarTime { get; init; }

    [JsonConverter(typeof(FeatureMapJsonConverter))]
    public IReadOnlyDictionary<string, double>? Features { get; init; }

    public PredictQseInput? QseOutput { get; init; }

    /// <summary>
    /// Optional, default false: the prediction is stateless (the raw regime label, no smoothing state read).
    /// True: the regime is smoothed with the live state of the (symbol, timeframe), which is read and never moved.
    /// </summary>
    public bool? UseLiveState { get; init; }
}
