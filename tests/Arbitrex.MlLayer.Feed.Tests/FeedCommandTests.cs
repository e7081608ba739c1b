namespace Arbitrex.MlLayer.Feed.Tests;

[Trait("Category", "Unit")]
public sealed class FeedCommandTests : IDisposable
{
    // Nothing listens on port 1: a run that got past the checks would fail to connect instead of returning 64.
    private const string Nowhere = "amqp://guest:guest@127.0.0.1:1/";

    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        using var error = new StringWriter();
        using var output = new StringWriter();
        var code = await FeedCommand.RunAsync(args, error, output, CancellationToken.None);
        return (code, error.ToString());
    }

    [Theory]
    [InlineData("--seed", "x", "--seed must be an integer")]
    [InlineData("--rate", "fast", "--rate must be a number of halves per second, 0 or more")]
    [InlineData("--start", "yesterday", "--start must be an ISO-8601 time")]
    public async Task A_bad_value_is_a_usage_error_with_the_reason_and_no_stack_trace(string option, string value, string reason)
    {
        var (code, error) = await RunAsync("synthetic", "--uri", Nowhere, option, value);

        Assert.Equal(64, code);
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
        Assert.Contains("usage:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"symbol":"EURUSD"}""", ":2: neither features nor gates")]
    [InlineData("""{"symbol":"EURUSD","features":""", ":2: ")]
    [InlineData("[1, 2]", ":2: not a JSON object")]
    public async Task A_bad_jsonl_line_refuses_the_file_before_connecting_naming_the_line(string line, string reason)
    {
        File.WriteAllLines(_file, ["""{"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","features":{"momentum_score":0.42}}""", line]);

        var (code, error) = await RunAsync("file", _file, "--uri", Nowhere);

        Assert.Equal(64, code);
        Assert.StartsWith(_file + reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_jsonl_file_is_a_usage_error()
    {
        var (code, error) = await RunAsync("file", _file + ".missing", "--uri", Nowhere);

        Assert.Equal(64, code);
        Assert.Contains(".missing", error, StringComparison.Ordinal);
    }
}
