using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Arbitrex.MlLayer.Worker.Tests.Monitoring;

/// <summary>
/// A real Prometheus (Debian's <c>/usr/bin/prometheus</c>) on a free loopback port, with a temporary
/// config and data folder, scraping one target every second. Offers PromQL instant queries over its
/// HTTP API; disposing kills it and deletes its folder. A missing binary fails the test.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string BinaryPath = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly string _root;
    private readonly HttpClient _http;
    private readonly StringBuilder _log;

    private PrometheusServer(Process process, string root, Uri baseAddress, StringBuilder log)
    {
        _process = process;
        _root = root;
        _log = log;
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseAddress { get; }

    /// <summary>What Prometheus printed so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts Prometheus scraping <paramref name="metricsUrl"/> (e.g. <c>http://127.0.0.1:8003/metrics/prometheus</c>) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(Uri metricsUrl, string jobName = "ml_layer", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metricsUrl);
        Assert.True(File.Exists(BinaryPath), $"{BinaryPath} is missing: apt-get install prometheus");
        var root = Directory.CreateTempSubdirectory("prometheus-test-").FullName;
        var config = System.IO.Path.Combine(root, "prometheus.yml");
        await File.WriteAllTextAsync(
            config,
            $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: {jobName}
                scheme: {metricsUrl.Scheme}
                metrics_path: {metricsUrl.AbsolutePath}
                static_configs:
                  - targets: ['{metricsUrl.Authority}']
            """,
            cancellationToken);
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (var argument in new[]
                 {
                     $"--config.file={config}",
                     $"--storage.tsdb.path={System.IO.Path.Combine(root, "data")}",
                     $"--web.listen-address=127.0.0.1:{port}",
                     "--web.enable-lifecycle",
                     "--log.level=info",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, root, new Uri($"http://127.0.0.1:{port}/"), log);
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A PromQL instant query; one <see cref="PrometheusSample"/> per series of the vector (or one for a scalar).</summary>
    public async Task<IReadOnlyList<PrometheusSample>> QueryAsync(string promql, CancellationToken cancellationToken = default)
    {
        var body = await _http.GetStringAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(promql), UriKind.Relative), cancellationToken);
        using var json = JsonDocument.Parse(body);
        var data = json.RootElement.GetProperty("data");
        var result = data.GetProperty("result");
        if (data.GetProperty("resultType").GetString() is "scalar" or "string")
        {
            return [new PrometheusSample(new Dictionary<string, string>(), ParseValue(result))];
        }

        var samples = new List<PrometheusSample>();
        foreach (var series in result.EnumerateArray())
        {
            var labels = series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty);
            samples.Add(new PrometheusSample(labels, ParseValue(series.GetProperty("value"))));
        }

        return samples;
    }

    /// <summary>Polls <paramref name="promql"/> until it returns exactly one series whose value satisfies <paramref name="accept"/>.</summary>
    public async Task<double> WaitForValueAsync(string promql, Func<double, bool> accept, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accept);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        IReadOnlyList<PrometheusSample> last = [];
        try
        {
            while (true)
            {
                last = await QueryAsync(promql, deadline.Token);
                if (last.Count == 1 && accept(last[0].Value))
                {
                    return last[0].Value;
                }

                await Task.Delay(250, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var seen = string.Join(", ", last.Select(s => s.Value.ToString(CultureInfo.InvariantCulture)));
            throw new TimeoutException($"'{promql}' did not reach the expected value within {timeout}; last result: [{seen}]; targets: {await TargetsAsync(CancellationToken.None)}\n{Log}");
        }
    }

    /// <summary>The raw <c>/api/v1/targets</c> answer: health and last scrape error of each target.</summary>
    public async Task<string> TargetsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _http.GetStringAsync(new Uri("api/v1/targets", UriKind.Relative), cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            return exception.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // The process was never started or already reaped.
        }

        _process.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still being closed by the dying process; the temp folder is cleaned by the OS later.
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("-/ready", UriKind.Relative), deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"prometheus was not ready within {timeout}:\n{Log}");
            }

            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"prometheus was not ready within {timeout}:\n{Log}");
            }
        }
    }

    private static double ParseValue(JsonElement pair) => pair[1].GetString() switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
