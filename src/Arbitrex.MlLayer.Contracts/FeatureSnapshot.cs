using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Contracts;

/// <summary>
/// The feature half of a bar, published to <c>arbitrex.ml.feature-snapshot</c> with routing key
/// <c>SYMBOL.TIMEFRAME</c>.
/// </summary>
public sealed record FeatureSnapshot
{
    public required string Symbol { get; init; }

    public required string Timeframe { get; init; }

    /// <summary>Open time of the bar, UTC.</summary>
    public required DateTime BarTime { get; init; }

    /// <summary>Feature name to value; the canonical names are listed in <see cref="CanonicalFeatures"/>.</summary>
    [JsonConverter(typeof(FeatureMapJsonConverter))]
    public required IReadOnlyDictionary<string, double> Features { get; init; }
}
