using System.Globalization;
using System.Text.Json;
using Arbitrex.MlLayer.Core.Audit;

namespace Arbitrex.MlLayer.Benchmarks.Reference;

/// <summary>
/// The hand-written audit record body the line format used before the generated metadata (<c>AuditJson.RecordBody</c>):
/// every member between <c>sequence</c> and <c>prev_hash</c>. Kept as the baseline of <see cref="DecisionSerializerBenchmarks"/>.
/// </summary>
internal static class HandWrittenAuditBody
{
    public static void Write(Utf8JsonWriter w, AuditRecord r)
    {
        w.WriteStartObject();
        if (r.RecordType is not null)
        {
            w.WriteString("record_type"u8, r.RecordType);
        }

        w.WriteString("decision_id"u8, r.DecisionId);
        w.WriteString("source"u8, r.Source switch
        {
            DecisionSource.Http => "http"u8,
            DecisionSource.Shadow => "shadow"u8,
            _ => "bus"u8,
        });
        w.WriteString("timestamp"u8, r.Timestamp);
        w.WriteString("symbol"u8, r.Symbol);
        w.WriteString("timeframe"u8, r.Timeframe);
        w.WriteString("bar_time"u8, r.BarTime);
        w.WriteString("regime"u8, r.Regime);
        WriteDouble(w, "regime_confidence"u8, r.RegimeConfidence);
        WriteDoubles(w, "regime_probabilities"u8, r.RegimeProbabilities);
        WriteDouble(w, "efficiency_ratio"u8, r.EfficiencyRatio);
        WriteDouble(w, "signal_prob"u8, r.SignalProb);
        w.WriteBoolean("should_enter"u8, r.ShouldEnter);
        w.WriteBoolean("should_exit"u8, r.ShouldExit);
        w.WriteString("confidence_level"u8, r.ConfidenceLevel);
        w.WriteStartArray("top_features"u8);
        foreach (var feature in r.TopFeatures)
        {
            w.WriteStartObject();
            w.WriteString("name"u8, feature.Name);
            WriteDouble(w, "importance"u8, feature.Importance);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("allowed"u8, r.Allowed);
        w.WriteStartArray("decision_reasons"u8);
        foreach (var reason in r.DecisionReasons)
        {
            w.WriteStringValue(reason);
        }

        w.WriteEndArray();
        w.WriteBoolean("qse_valid"u8, r.QseValid);
        WriteDouble(w, "processing_time_ms"u8, r.ProcessingTimeMs);
        w.WriteString("config_hash"u8, r.ConfigHash);
        w.WriteStartObject("model_versions"u8);
        foreach (var (name, version) in r.ModelVersions)
        {
            w.WriteString(name, version);
        }

        w.WriteEndObject();
        if (r.Features is null)
        {
            w.WriteNull("features"u8);
        }
        else
        {
            WriteDoubles(w, "features"u8, r.Features);
        }

        if (r.Qse is null)
        {
            w.WriteNull("qse"u8);
        }
        else
        {
            w.WriteStartObject("qse"u8);
            w.WriteBoolean("signal_valid"u8, r.Qse.SignalValid);
            w.WriteStartObject("gates"u8);
            WriteGate(w, "trend_persistence"u8, r.Qse.Gates.TrendPersistence);
            WriteGate(w, "stationarity"u8, r.Qse.Gates.Stationarity);
            WriteGate(w, "z_score"u8, r.Qse.Gates.ZScore);
            WriteGate(w, "autocorrelation"u8, r.Qse.Gates.Autocorrelation);
            WriteGate(w, "signal_validity"u8, r.Qse.Gates.SignalValidity);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteGate(Utf8JsonWriter w, ReadOnlySpan<byte> name, Contracts.QseGate gate)
    {
        w.WriteStartObject(name);
        w.WriteBoolean("passed"u8, gate.Passed);
        WriteDouble(w, "value"u8, gate.Value);
        w.WriteEndObject();
    }

    private static void WriteDoubles(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyDictionary<string, double> values)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            w.WritePropertyName(key);
            WriteDoubleValue(w, value);
        }

        w.WriteEndObject();
    }

    private static void WriteDouble(Utf8JsonWriter w, ReadOnlySpan<byte> name, double value)
    {
        w.WritePropertyName(name);
        WriteDoubleValue(w, value);
    }

    // The engine rejects non-finite inputs, but a record must never be lost to one: the contract's
    // options read "NaN"/"Infinity" strings back, as System.Text.Json writes them.
    private static void WriteDoubleValue(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumberValue(value);
        }
        else
        {
            w.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
