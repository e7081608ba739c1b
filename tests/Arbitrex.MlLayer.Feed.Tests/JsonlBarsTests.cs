namespace Arbitrex.MlLayer.Feed.Tests;

[Trait("Category", "Unit")]
public sealed class JsonlBarsTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Each_line_is_read_as_the_half_its_fields_say()
    {
        File.WriteAllLines(_file,
        [
            """{"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","features":{"momentum_score":0.42}}""",
            "",
            """{"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","signal_valid":true,"gates":{"trend_persistence":{"passed":true,"value":0.7},"stationarity":{"passed":true,"value":0.02},"z_score":{"passed":true,"value":1.8},"autocorrelation":{"passed":true,"value":0.2},"signal_validity":{"passed":true,"value":1.0}}}""",
        ]);

        var halves = JsonlBars.Read(_file).ToList();

        Assert.Equal(2, halves.Count);
        Assert.Equal(0.42, halves[0].Features!.Features["momentum_score"]);
        Assert.True(halves[1].Qse!.SignalValid);
        Assert.Equal(halves[0].BarKey, halves[1].BarKey);
    }

    [Fact]
    public void A_line_that_is_neither_half_is_refused_with_its_line_number()
    {
        File.WriteAllLines(_file, ["""{"symbol":"EURUSD"}"""]);

        var error = Assert.Throws<FormatException>(() => JsonlBars.Read(_file).ToList());

        Assert.EndsWith(":1: neither features nor gates", error.Message, StringComparison.Ordinal);
    }
}
