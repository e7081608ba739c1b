namespace Arbitrex.MlLayer.Feed;

/// <summary>
/// The tool's entry: a command line or JSONL file it cannot use ends with the reason and exit code 64 (no stack
/// trace), before anything is published.
/// </summary>
internal static class FeedCommand
{
    /// <summary>EX_USAGE of sysexits.h.</summary>
    public const int UsageError = 64;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter error, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        FeedOptions options;
        try
        {
            options = FeedOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            await error.WriteLineAsync(FeedOptions.Usage).ConfigureAwait(false);
            return UsageError;
        }

        if (options.File is not null)
        {
            // Read once before connecting, so a bad line refuses the whole file instead of publishing half of it.
            try
            {
                JsonlBars.Check(options.File);
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return UsageError;
            }
        }

        return await new FeedRunner(options, error, output).RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
