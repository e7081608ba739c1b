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
}
