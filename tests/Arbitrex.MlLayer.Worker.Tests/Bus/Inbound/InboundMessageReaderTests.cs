using System.Text;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Inbound;
using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Inbound;

[Trait("Category", "Unit")]
public sealed class InboundMessageReaderTests
{
    private const string PikaFeatures = """
        {"symbol": "EURUSD", "timeframe": "4H", "bar_time": "2025-12-22T12:00:00Z",
         "features": {"momentum_score": 0.42, "efficiency_ratio": 0.61, "volatility": 0.0071}}
        """;

    private const string PikaQse = """
        {"symbol": "EURUSD", "timeframe": "4H", "bar_time": "2025-12-22T12:00:00Z", "signal_valid": true,
         "gates": {"trend_persistence": {"passed": true, "value": 0.71}, "stationarity": {"passed": true, "value": 0.02},
                   "z_score": {"passed": true, "value": 1.8}, "autocorrelation": {"passed": true, "value": 0.21},
                   "signal_validity": {"passed": true, "value": 1.0}}}
        """;

    private static InboundHalf Read(string? exchange, string body) => InboundMessageReader.Read(exchange, Encoding.UTF8.GetBytes(body));

    private static string Reason(string? exchange, string body) =>
        Assert.Throws<PoisonMessageException>(() => Read(exchange, body)).Message;

    [Fact]
    public void A_python_feature_snapshot_reads_with_a_utc_bar_key()
    {
        var half = Read(MessageExchanges.FeatureSnapshot, PikaFeatures);

        Assert.Equal(HalfKind.FeatureSnapshot, half.Kind);
        Assert.Equal(new DateTime(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc), half.Key.BarTime);
        Assert.Equal(DateTimeKind.Utc, half.Key.BarTime.Kind);
        Assert.Equal(0.42, half.Features!.Features["momentum_score"]);
    }

    [Fact]
    public void The_kind_comes_from_the_exchange_and_else_from_the_fields()
    {
        Assert.Equal(HalfKind.QseOutput, Read(MessageExchanges.QseOutput, PikaQse).Kind);
        Assert.Equal(HalfKind.QseOutput, Read(null, PikaQse).Kind);
        Assert.Equal(HalfKind.FeatureSnapshot, Read("", PikaFeatures).Kind);
    }

    [Fact]
    public void Malformed_json_is_poison_with_the_parser_message()
    {
        Assert.StartsWith("malformed JSON:", Reason(MessageExchanges.FeatureSnapshot, "{\"symbol\": \"EURUSD\", "), StringComparison.Ordinal);
    }

    [Fact]
    public void A_nan_feature_as_python_writes_it_is_poison_naming_the_feature()
    {
        var body = PikaFeatures.Replace("0.0071", "NaN", StringComparison.Ordinal);

        Assert.Equal("invalid feature_snapshot: features.volatility is not a finite number", Reason(MessageExchanges.FeatureSnapshot, body));
    }

    [Fact]
    public void Poison_with_a_valid_bar_key_names_the_bar_and_half_so_the_partner_can_be_told()
    {
        var nan = Assert.Throws<PoisonMessageException>(() =>
            Read(MessageExchanges.FeatureSnapshot, PikaFeatures.Replace("0.0071", "NaN", StringComparison.Ordinal)));
        var noGate = Assert.Throws<PoisonMessageException>(() =>
            Read(MessageExchanges.QseOutput, PikaQse.Replace("\"z_score\": {\"passed\": true, \"value\": 1.8}, ", string.Empty, StringComparison.Ordinal)));
        var malformed = Assert.Throws<PoisonMessageException>(() => Read(MessageExchanges.FeatureSnapshot, "{\"symbol\": \"EURUSD\", "));

        var bar = new BarKey("EURUSD", "4H", new DateTime(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc));
        Assert.Equal((bar, HalfKind.FeatureSnapshot), (nan.Key, nan.Kind));
        Assert.Equal((bar, HalfKind.QseOutput), (noGate.Key, noGate.Kind));
        Assert.Null(malformed.Key);
    }

    [Fact]
    public void A_string_where_a_number_belongs_is_poison_naming_the_path()
    {
        var body = PikaFeatures.Replace("0.61", "\"high\"", StringComparison.Ordinal);

        Assert.Equal("invalid feature_snapshot: features.efficiency_ratio must be a number", Reason(MessageExchanges.FeatureSnapshot, body));
    }

    [Fact]
    public void A_missing_gate_is_poison_naming_it()
    {
        var body = PikaQse.Replace("\"z_score\": {\"passed\": true, \"value\": 1.8}, ", string.Empty, StringComparison.Ordinal);

        Assert.Contains("z_score", Reason(MessageExchanges.QseOutput, body), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bar_time_without_offset_is_poison()
    {
        var body = PikaFeatures.Replace("12:00:00Z", "12:00:00", StringComparison.Ordinal);

        Assert.Contains("bar_time must be ISO-8601 with a UTC offset", Reason(MessageExchanges.FeatureSnapshot, body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"timeframe\": \"4H\"", "\"timeframe\": \"4h\"", "invalid qse_output: timeframe '4h' is not one of")]
    [InlineData("\"timeframe\": \"4H\"", "\"timeframe\": \"3H\"", "invalid qse_output: timeframe '3H' is not one of")]
    [InlineData("\"symbol\": \"EURUSD\"", "\"symbol\": \"EUR.USD\"", "invalid qse_output: symbol 'EUR.USD' must be 1-32 ASCII letters")]
    [InlineData("\"symbol\": \"EURUSD\"", "\"symbol\": \"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456\"", "invalid qse_output: symbol 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456' must be 1-32")]
    public void A_bar_key_the_engine_refuses_is_poison_at_once_with_the_engines_reason(string field, string replacement, string reason)
    {
        var body = PikaQse.Replace(field, replacement, StringComparison.Ordinal);

        Assert.StartsWith(reason, Reason(MessageExchanges.QseOutput, body), StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_of_unknown_kind_from_an_unknown_exchange_is_poison()
    {
        Assert.StartsWith("unknown message kind", Reason("elsewhere", "{\"symbol\": \"EURUSD\"}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("symbol", """{"symbol": "EURUSD", "symbol": "GBPUSD", "timeframe": "4H", "bar_time": "2025-12-22T12:00:00Z", "features": {"momentum_score": 0.42}}""")]
    [InlineData("momentum_score", """{"symbol": "EURUSD", "timeframe": "4H", "bar_time": "2025-12-22T12:00:00Z", "features": {"momentum_score": 0.42, "momentum_score": -0.9}}""")]
    public void A_key_given_twice_is_refused_naming_the_key(string key, string body)
    {
        var reason = Reason(MessageExchanges.FeatureSnapshot, body);

        Assert.StartsWith("malformed JSON", reason, StringComparison.Ordinal);
        Assert.Contains($"'{key}'", reason, StringComparison.Ordinal);
    }
}
