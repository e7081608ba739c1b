using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Tests.Engine;

[Trait("Category", "Unit")]
public sealed class DecisionIdsTests
{
    private static readonly DateTime Bar = new(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Same_bar_gives_the_same_id_whatever_the_offset_it_was_written_with()
    {
        var local = DateTimeOffset.Parse("2025-12-22T14:00:00+02:00", System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;

        Assert.Equal(DecisionIds.For("EURUSD", "4H", Bar), DecisionIds.For("EURUSD", "4H", local));
        Assert.Matches("^[0-9a-f]{32}$", DecisionIds.For("EURUSD", "4H", Bar));
    }

    [Theory]
    [InlineData("EURUSD", "4H", 0L, "d282ec26286b8cd350127f34e2362d1f")]
    [InlineData("GBP/USD", "1H", 1_234_567L, "552c9e5271ce44c24eaf002b36ce82fa")]
    public void Id_is_the_documented_sha256_prefix_of_the_bar_key(string symbol, string timeframe, long extraTicks, string expected)
    {
        // Expected values from Python: hashlib.sha256(b"SYMBOL|TF|yyyy-MM-ddTHH:mm:ss.fffffffZ").hexdigest()[:32]
        Assert.Equal(expected, DecisionIds.For(symbol, timeframe, Bar.AddTicks(extraTicks)));
    }

    [Theory]
    [InlineData("É/€", "4H")]
    [InlineData("A_VERY_LONG_SYMBOL_NAME_THAT_NO_VENUE_USES_BUT_A_CALLER_OF_CORE_MIGHT_PASS_ANYWAY_0123456789_0123456789_0123456789_0123456789_0123456789_0123456789_0123456789_0123456789_0123456789_0123456789_0123456789_0123456789_0123456789", "1H")]
    public void Non_ascii_and_long_keys_hash_their_utf8_bytes(string symbol, string timeframe)
    {
        var key = System.Text.Encoding.UTF8.GetBytes($"{symbol}|{timeframe}|2025-12-22T12:00:00.0000000Z");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(key).AsSpan(0, 16));

        Assert.Equal(expected, DecisionIds.For(symbol, timeframe, Bar));
    }

    [Fact]
    public void Different_bars_give_different_ids()
    {
        var ids = new[]
        {
            DecisionIds.For("EURUSD", "4H", Bar),
            DecisionIds.For("GBPUSD", "4H", Bar),
            DecisionIds.For("EURUSD", "1H", Bar),
            DecisionIds.For("EURUSD", "4H", Bar.AddHours(4)),
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}
