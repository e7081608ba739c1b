using System.Buffers;
using System.Globalization;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4: one <c># HELP</c> and <c># TYPE</c> per
/// family, then its samples; label values and help text escaped as the format requires. Names are
/// checked, and a family can be written only once per exposition.
/// </summary>
public sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly SearchValues<char> MetricNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:");

    private static readonly SearchValues<char> LabelNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private readonly TextWriter _output;
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);

    public PrometheusTextWriter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Starts a family: its <c># HELP</c> and <c># TYPE</c> lines.</summary>
    public void WriteFamily(string name, string help, PrometheusMetricType type)
    {
        ValidateMetricName(name);
        ArgumentNullException.ThrowIfNull(help);
        if (!_families.Add(name))
        {
            throw new InvalidOperationException($"Metric family '{name}' was already written; all samples of a family must follow its header.");
        }

        _output.Write("# HELP ");
        _output.Write(name);
        _output.Write(' ');
        WriteEscaped(help, escapeQuotes: false);
        _output.Write('\n');
        _output.Write("# TYPE ");
        _output.Write(name);
        _output.Write(' ');
        _output.Write(type switch
        {
            PrometheusMetricType.Counter => "counter",
            PrometheusMetricType.Gauge => "gauge",
            PrometheusMetricType.Summary => "summary",
            PrometheusMetricType.Histogram => "histogram",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown metric type."),
        });
        _output.Write('\n');
    }

    public void WriteSample(string name, double value) => WriteSample(name, [], value);

    public void WriteSample(string name, ReadOnlySpan<KeyValuePair<string, string>> labels, double value)
    {
        ValidateMetricName(name);
        _output.Write(name);
        if (!labels.IsEmpty)
        {
            _output.Write('{');
            for (var i = 0; i < labels.Length; i++)
            {
                ValidateLabelName(labels[i].Key);
                if (i > 0)
                {
                    _output.Write(',');
                }

                _output.Write(labels[i].Key);
                _output.Write("=\"");
                WriteEscaped(labels[i].Value ?? string.Empty, escapeQuotes: true);
                _output.Write('"');
            }

            _output.Write('}');
        }

        _output.Write(' ');
        _output.Write(FormatValue(value));
        _output.Write('\n');
    }

    public void WriteCounter(string name, string help, double value)
    {
        WriteFamily(name, help, PrometheusMetricType.Counter);
        WriteSample(name, value);
    }

    public void WriteGauge(string name, string help, double value)
    {
        WriteFamily(name, help, PrometheusMetricType.Gauge);
        WriteSample(name, value);
    }

    /// <summary>A family with one sample per value of a single label, e.g. <c>regime</c>.</summary>
    public void WriteLabelled(string name, string help, PrometheusMetricType type, string labelName, IEnumerable<KeyValuePair<string, double>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteFamily(name, help, type);
        foreach (var (labelValue, value) in values)
        {
            WriteSample(name, [new(labelName, labelValue)], value);
        }
    }

    /// <summary>An info-style gauge: one sample with value 1 carrying the information in its labels.</summary>
    public void WriteInfo(string name, string help, IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> labelSets)
    {
        ArgumentNullException.ThrowIfNull(labelSets);
        WriteFamily(name, help, PrometheusMetricType.Gauge);
        foreach (var labels in labelSets)
        {
            WriteSample(name, labels.ToArray(), 1);
        }
    }

    /// <summary>A summary: <c>name{quantile="q"}</c> per quantile, then <c>name_sum</c> and <c>name_count</c>.</summary>
    public void WriteSummary(string name, string help, IReadOnlyList<KeyValuePair<double, double>> quantiles, double sum, long count)
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        WriteFamily(name, help, PrometheusMetricType.Summary);
        foreach (var (quantile, value) in quantiles)
        {
            if (quantile is < 0 or > 1 || double.IsNaN(quantile))
            {
                throw new ArgumentOutOfRangeException(nameof(quantiles), quantile, "A quantile must be between 0 and 1.");
            }

            WriteSample(name, [new("quantile", FormatValue(quantile))], value);
        }

        WriteSample(name + "_sum", sum);
        WriteSample(name + "_count", count);
    }

    /// <summary>
    /// A histogram from per-bucket (not cumulative) counts: <paramref name="bucketCounts"/> has one
    /// entry per upper bound plus a last one for observations above every bound. Writes cumulative
    /// <c>name_bucket{le="..."}</c> lines ending with <c>le="+Inf"</c>, then <c>name_sum</c> and <c>name_count</c>.
    /// </summary>
    public void WriteHistogram(string name, string help, IReadOnlyList<double> upperBounds, IReadOnlyList<long> bucketCounts, double sum)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        ArgumentNullException.ThrowIfNull(bucketCounts);
        if (bucketCounts.Count != upperBounds.Count + 1)
        {
            throw new ArgumentException("There must be one bucket count per upper bound plus one for +Inf.", nameof(bucketCounts));
        }

        for (var i = 1; i < upperBounds.Count; i++)
        {
            if (!(upperBounds[i] > upperBounds[i - 1]))
            {
                throw new ArgumentException("Upper bounds must be strictly increasing.", nameof(upperBounds));
            }
        }

        WriteFamily(name, help, PrometheusMetricType.Histogram);
        var bucketName = name + "_bucket";
        long cumulative = 0;
        for (var i = 0; i < upperBounds.Count; i++)
        {
            cumulative += bucketCounts[i];
            WriteSample(bucketName, [new("le", FormatBound(upperBounds[i]))], cumulative);
        }

        cumulative += bucketCounts[^1];
        WriteSample(bucketName, [new("le", "+Inf")], cumulative);
        WriteSample(name + "_sum", sum);
        WriteSample(name + "_count", cumulative);
    }

    /// <summary>Formats a sample value as the format expects: shortest round-trip, <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string FormatBound(double bound) => double.IsFinite(bound)
        ? bound.ToString("0.###################", CultureInfo.InvariantCulture)
        : FormatValue(bound);

    private void WriteEscaped(string text, bool escapeQuotes)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    _output.Write("\\\\");
                    break;
                case '\n':
                    _output.Write("\\n");
                    break;
                case '"' when escapeQuotes:
                    _output.Write("\\\"");
                    break;
                default:
                    _output.Write(c);
                    break;
            }
        }
    }

    private static void ValidateMetricName(string name)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]) || name.AsSpan().ContainsAnyExcept(MetricNameChars))
        {
            throw new ArgumentException($"'{name}' is not a valid Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*).", nameof(name));
        }
    }

    private static void ValidateLabelName(string name)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]) || name.StartsWith("__", StringComparison.Ordinal)
            || name.AsSpan().ContainsAnyExcept(LabelNameChars))
        {
            throw new ArgumentException($"'{name}' is not a valid Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __).", nameof(name));
        }
    }
}
