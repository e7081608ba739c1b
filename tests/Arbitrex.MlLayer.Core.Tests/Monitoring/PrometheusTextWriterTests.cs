using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring;

public sealed class PrometheusTextWriterTests
{
    private static string Write(Action<PrometheusTextWriter> write)
    {
        using var text = new StringWriter { NewLine = "\n" };
        write(new PrometheusTextWriter(text));
        return text.ToString();
    }

    [Fact]
    public void Counter_and_gauge_get_help_type_and_one_sample()
    {
        var text = Write(w =>
        {
            w.WriteCounter("x_requests_total", "Requests.", 3);
            w.WriteGauge("x_ratio", "A ratio.", 0.25);
        });

        Assert.Equal(
            "# HELP x_requests_total Requests.\n# TYPE x_requests_total counter\nx_requests_total 3\n"
            + "# HELP x_ratio A ratio.\n# TYPE x_ratio gauge\nx_ratio 0.25\n",
            text);
    }

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline_and_help_escapes_backslash_and_newline()
    {
        var text = Write(w => w.WriteLabelled(
            "x_items_total", "Line one\nback\\slash \"quoted\".", PrometheusMetricType.Counter, "name",
            [new("a\\b \"c\"\nd", 1)]));

        Assert.Equal(
            "# HELP x_items_total Line one\\nback\\\\slash \"quoted\".\n# TYPE x_items_total counter\n"
            + "x_items_total{name=\"a\\\\b \\\"c\\\"\\nd\"} 1\n",
            text);
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_and_end_with_inf_sum_and_count()
    {
        var text = Write(w => w.WriteHistogram("x_duration_seconds", "Durations.", [0.001, 0.01], [2, 3, 1], 0.042));

        Assert.Equal(
            "# HELP x_duration_seconds Durations.\n# TYPE x_duration_seconds histogram\n"
            + "x_duration_seconds_bucket{le=\"0.001\"} 2\n"
            + "x_duration_seconds_bucket{le=\"0.01\"} 5\n"
            + "x_duration_seconds_bucket{le=\"+Inf\"} 6\n"
            + "x_duration_seconds_sum 0.042\n"
            + "x_duration_seconds_count 6\n",
            text);
    }

    [Fact]
    public void Small_bucket_bounds_are_written_as_plain_decimals()
    {
        var text = Write(w => w.WriteHistogram("x_seconds", "D.", [0.00001], [1, 0], 0));

        Assert.Contains("x_seconds_bucket{le=\"0.00001\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_writes_quantiles_then_sum_and_count()
    {
        var text = Write(w => w.WriteSummary("x_latency", "Latency.", [new(0.5, 2), new(0.95, double.NaN)], 10.5, 4));

        Assert.Equal(
            "# HELP x_latency Latency.\n# TYPE x_latency summary\n"
            + "x_latency{quantile=\"0.5\"} 2\nx_latency{quantile=\"0.95\"} NaN\nx_latency_sum 10.5\nx_latency_count 4\n",
            text);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(1e21, "1E+21")]
    [InlineData(-0.5, "-0.5")]
    public void Special_values_use_the_format_spelling(double value, string expected) =>
        Assert.Equal(expected, PrometheusTextWriter.FormatValue(value));

    [Theory]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    [InlineData("")]
    public void Invalid_metric_names_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => Write(w => w.WriteGauge(name, "h", 1)));

    [Theory]
    [InlineData("__reserved")]
    [InlineData("with:colon")]
    [InlineData("9lives")]
    public void Invalid_label_names_are_refused(string label) =>
        Assert.Throws<ArgumentException>(() => Write(w => w.WriteLabelled("x", "h", PrometheusMetricType.Gauge, label, [new("v", 1)])));

    [Fact]
    public void A_family_cannot_be_written_twice()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Write(w =>
        {
            w.WriteGauge("x", "h", 1);
            w.WriteGauge("x", "h", 2);
        }));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_refuses_unsorted_bounds_and_a_missing_inf_bucket()
    {
        Assert.Throws<ArgumentException>(() => Write(w => w.WriteHistogram("x", "h", [0.1, 0.01], [1, 1, 1], 0)));
        Assert.Throws<ArgumentException>(() => Write(w => w.WriteHistogram("x", "h", [0.1], [1], 0)));
    }

    [Fact]
    public async Task Every_metric_type_with_escaped_labels_passes_promtool()
    {
        var text = Write(w =>
        {
            w.WriteCounter("x_requests_total", "Requests \\ with\nnewline.", 3);
            w.WriteLabelled("x_items_total", "Items.", PrometheusMetricType.Counter, "name", [new("a\\b \"c\"\nd", 1)]);
            w.WriteSummary("x_latency_seconds", "Latency.", [new(0.5, 2), new(0.99, double.NaN)], 10.5, 4);
            w.WriteHistogram("x_duration_seconds", "Durations.", [0.00001, 0.01], [2, 3, 1], 0.042);
            w.WriteInfo("x_build_info", "Build.", [[new("version", "1.0")]]);
        });

        var (exitCode, problems) = await Promtool.CheckMetricsAsync(text);

        Assert.True(exitCode == 0, string.Join(" | ", problems));
    }
}
