namespace Arbitrex.MlLayer.Worker.Cli;

/// <summary>
/// <c>probe [url]</c>: asks a running worker's readiness endpoint and exits 0 when it answers 2xx, else 1, with one
/// line. Container health checks call it because the runtime image has no curl or wget.
/// </summary>
public static class ProbeVerb
{
    public const string DefaultUrl = "http://localhost:8003/health/ready";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs the verb when <paramref name="args"/> starts with <c>probe</c>; null when the host should start instead.</summary>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter output, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length == 0 || args[0] != "probe")
        {
            return null;
        }

        if (args.Length > 2 || !Uri.TryCreate(args.Length == 2 ? args[1] : DefaultUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            await output.WriteLineAsync($"usage: probe [http-url]   (default {DefaultUrl})").ConfigureAwait(false);
            return AuditVerbs.ExitUsage;
        }

        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = Timeout;
        try
        {
            using var response = await client.GetAsync(url).ConfigureAwait(false);
            await output.WriteLineAsync($"{url}: {(int)response.StatusCode} {response.ReasonPhrase}").ConfigureAwait(false);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{url}: no answer ({(e is TaskCanceledException ? $"timed out after {Timeout.TotalSeconds:0} s" : e.Message)})").ConfigureAwait(false);
            return 1;
        }
    }
}
