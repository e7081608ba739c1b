using System.Collections.Frozen;
using System.Globalization;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>
/// Refuses inputs the engine would otherwise have to guess about, naming the field: missing values, NaN,
/// ±Infinity, and numbers outside the finite ranges of <see cref="FeatureRanges"/>.
/// </summary>
internal static class InputValidation
{
    private static readonly FrozenDictionary<string, int> CanonicalIndexes =
        CanonicalFeatures.All.Select((name, index) => KeyValuePair.Create(name, index)).ToFrozenDictionary(StringComparer.Ordinal);

    public static void Qse(QseOutput? qse, string symbol, string timeframe, DateTime barTimeUtc)
    {
        if (qse is null)
        {
            throw new InvalidInputException("qse_output", "qse_output is required");
        }

        if (qse.Gates is null)
        {
            throw new InvalidInputException("qse_output.gates", "qse_output.gates is required");
        }

        RequireGate(qse.Gates.TrendPersistence, "trend_persistence");
        RequireGate(qse.Gates.Stationarity, "stationarity");
        RequireGate(qse.Gates.ZScore, "z_score");
        RequireGate(qse.Gates.Autocorrelation, "autocorrelation");
        RequireGate(qse.Gates.SignalValidity, "signal_validity");

        if (!string.Equals(qse.Symbol, symbol, StringComparison.Ordinal) || !string.Equals(qse.Timeframe, timeframe, StringComparison.Ordinal))
        {
            throw new InvalidInputException("qse_output.symbol", $"qse_output is for {qse.Symbol}.{qse.Timeframe}, not {symbol}.{timeframe}");
        }

        if (qse.BarTime.ToUniversalTime() != barTimeUtc)
        {
            throw new InvalidInputException("qse_output.bar_time", string.Create(CultureInfo.InvariantCulture, $"qse_output is for bar {qse.BarTime:O}, not {barTimeUtc:O}"));
        }
    }

    /// <summary>Copies the canonical features into <paramref name="row"/>; every required one must be present and finite.</summary>
    public static void Features(IReadOnlyDictionary<string, double>? features, IReadOnlyList<int> requiredIndexes, Span<double> row)
    {
        if (features is null)
        {
            throw new InvalidInputException("features", "features is required");
        }

        if (features is Dictionary<string, double> dictionary && HasOrdinalKeys(dictionary))
        {
            // What the JSON readers produce. One pass with a struct enumerator: with ordinal keys each
            // key names at most one canonical feature, so placing entries equals looking features up.
            row.Fill(double.NaN);
            foreach (var (name, value) in dictionary)
            {
                RequireFinite(name, value);
                if (CanonicalIndexes.TryGetValue(name, out var index))
                {
                    RequireInRange(name, value, FeatureRanges.OfCanonical(index));
                    row[index] = value;
                }
            }
        }
        else
        {
            foreach (var (name, value) in features)
            {
                RequireFinite(name, value);
            }

            CopyCanonical(features, row);
            var names = CanonicalFeatures.All;
            for (var i = 0; i < row.Length; i++)
            {
                if (!double.IsNaN(row[i]))
                {
                    RequireInRange(names[i], row[i], FeatureRanges.OfCanonical(i));
                }
            }
        }

        var all = CanonicalFeatures.All;
        for (var i = 0; i < requiredIndexes.Count; i++)
        {
            if (double.IsNaN(row[requiredIndexes[i]]))
            {
                var name = all[requiredIndexes[i]];
                throw new InvalidInputException("features." + name, $"feature '{name}' is missing; the active models read it");
            }
        }
    }

    private static bool HasOrdinalKeys(Dictionary<string, double> dictionary) =>
        ReferenceEquals(dictionary.Comparer, EqualityComparer<string>.Default) || ReferenceEquals(dictionary.Comparer, StringComparer.Ordinal);

    private static void CopyCanonical(IReadOnlyDictionary<string, double> features, Span<double> row)
    {
        var all = CanonicalFeatures.All;
        for (var i = 0; i < all.Count; i++)
        {
            row[i] = features.TryGetValue(all[i], out var value) ? value : double.NaN;
        }
    }

    private static void RequireFinite(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new InvalidInputException("features." + name, $"feature '{name}' is {Describe(value)}, not a finite number");
        }
    }

    private static void RequireInRange(string name, double value, FeatureRange range)
    {
        if (!range.Contains(value))
        {
            throw new InvalidInputException("features." + name, string.Create(CultureInfo.InvariantCulture, $"feature '{name}' is {value:R}, outside its range {range}"));
        }
    }

    private static void RequireGate(QseGate? gate, string name)
    {
        if (gate is null)
        {
            throw new InvalidInputException("qse_output.gates." + name, $"gate '{name}' is missing");
        }

        if (!double.IsFinite(gate.Value))
        {
            throw new InvalidInputException("qse_output.gates." + name + ".value", $"gate '{name}' value is {Describe(gate.Value)}, not a finite number");
        }

        var range = FeatureRanges.OfGate(name);
        if (!range.Contains(gate.Value))
        {
            throw new InvalidInputException("qse_output.gates." + name + ".value", string.Create(CultureInfo.InvariantCulture, $"gate '{name}' value is {gate.Value:R}, outside its range {range}"));
        }
    }

    private static string Describe(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Infinity" : "-Infinity";
}
