namespace Arbitrex.MlLayer.Feed.Tests;

[Trait("Category", "Unit")]
public sealed class FeedOptionsTests
{
    [Fact]
    public void A_symbol_count_generates_prefixed_names()
    {
        var options = FeedOptions.Parse(["synthetic", "--symbols", "3", "--symbol-prefix", "ABC", "--bars", "7", "--shuffle", "--duplicates", "0.25", "--wait", "--rate", "500"]);

        Assert.Equal(["ABC000", "ABC001", "ABC002"], options.Symbols);
        Assert.Equal(7, options.Bars);
        Assert.True(options.Shuffle);
        Assert.True(options.Wait);
        Assert.Equal(0.25, options.Duplicates);
        Assert.Equal(500, options.Rate);
    }

    [Fact]
    public void A_symbol_list_and_a_jsonl_file_are_read_as_given()
    {
        var options = FeedOptions.Parse(["file", "bars.jsonl", "--symbols", "EURUSD, GBPUSD", "--start", "2026-01-05T08:00:00Z"]);

        Assert.Equal("bars.jsonl", options.File);
        Assert.Equal(["EURUSD", "GBPUSD"], options.Symbols);
        Assert.Equal(new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc), options.Start);
        Assert.Equal(DateTimeKind.Utc, options.Start.Kind);
    }

    [Fact]
    public void Outcomes_are_asked_for_with_a_hit_rate_per_regime_and_a_delay_and_need_the_decisions()
    {
        var options = FeedOptions.Parse(["synthetic", "--outcomes", "--outcome-hit-rate", "trending=0.6, Ranging=0.45", "--outcome-delay", "1.5"]);

        Assert.True(options.Outcomes);
        Assert.True(options.Wait);
        Assert.Equal(new Dictionary<string, double> { ["TRENDING"] = 0.6, ["RANGING"] = 0.45 }, options.OutcomeHitRates);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.OutcomeDelay);
    }

    [Theory]
    [InlineData(new[] { "publish" }, "first argument must be 'synthetic' or 'file'")]
    [InlineData(new[] { "file" }, "file mode needs the path of a JSONL file")]
    [InlineData(new[] { "synthetic", "--bars", "0" }, "--bars must be a positive integer")]
    [InlineData(new[] { "synthetic", "--duplicates", "1.5" }, "--duplicates must be between 0 and 1")]
    [InlineData(new[] { "synthetic", "--frobnicate" }, "unknown option --frobnicate")]
    [InlineData(new[] { "synthetic", "--uri" }, "--uri needs a value")]
    [InlineData(new[] { "synthetic", "--seed", "x" }, "--seed must be an integer")]
    [InlineData(new[] { "synthetic", "--seed", "99999999999" }, "--seed must be an integer")]
    [InlineData(new[] { "synthetic", "--rate", "fast" }, "--rate must be a number of halves per second, 0 or more")]
    [InlineData(new[] { "synthetic", "--rate", "-5" }, "--rate must be a number of halves per second, 0 or more")]
    [InlineData(new[] { "synthetic", "--rate", "NaN" }, "--rate must be a number of halves per second, 0 or more")]
    [InlineData(new[] { "synthetic", "--start", "yesterday" }, "--start must be an ISO-8601 time, e.g. 2025-12-22T00:00:00Z")]
    [InlineData(new[] { "synthetic", "--outcome-hit-rate", "trending" }, "--outcome-hit-rate takes regime=rate pairs, e.g. trending=0.6,ranging=0.45; not 'trending'")]
    [InlineData(new[] { "synthetic", "--outcome-hit-rate", "trending=1.2" }, "--outcome-hit-rate trending must be between 0 and 1")]
    [InlineData(new[] { "synthetic", "--outcome-delay", "-1" }, "--outcome-delay must be a number of seconds between 0 and 86400")]
    public void A_bad_command_line_is_refused_with_the_reason(string[] args, string reason)
    {
        Assert.Equal(reason, Assert.Throws<ArgumentException>(() => FeedOptions.Parse(args)).Message);
    }
}
