using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Worker.Tests.Monitoring;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary>The worker started as a real process (<c>dotnet Arbitrex.MlLayer.Worker.dll</c>, or the native executable: <see cref="TestSupport.WorkerLauncher"/>), spoken to over real HTTP.</summary>
[Trait("Category", "Integration")]
[Trait("Worker", "Process")]
public sealed class StartedWorkerTests(WorkerProcess worker) : IClassFixture<WorkerProcess>
{
    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ad_hoc_predictions_over_http_stay_out_of_the_live_count_a_real_prometheus_scrapes()
    {
        using var http = worker.CreateClient();
        for (var bar = 0; bar < 3; bar++)
        {
            using var response = await http.PostAsync(new Uri("predict", UriKind.Relative), Json(PredictBodies.Predict("EURUSD", BarTime(bar))));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The shared worker runs no bus feed, so the live count is what other tests' ad-hoc predictions left: none.
        var made = (await http.GetFromJsonAsync<JsonObject>(new Uri("metrics", UriKind.Relative)))!["predictions_total"]!.GetValue<long>();
        await using var prometheus = await PrometheusServer.StartAsync(new Uri(worker.BaseAddress, "metrics/prometheus"));

        Assert.Equal(0, made);
        Assert.Equal(0, await prometheus.WaitForValueAsync("ml_layer_predictions_total", _ => true, ScrapeWait));
        Assert.Equal(1.0, await prometheus.WaitForValueAsync("up{job=\"ml_layer\"}", _ => true, ScrapeWait));
    }

    [Fact]
    public async Task Live_prometheus_endpoint_passes_promtool_check_metrics()
    {
        using var http = worker.CreateClient();
        using (var predicted = await http.PostAsync(new Uri("predict", UriKind.Relative), Json(PredictBodies.Predict("GBPUSD", BarTime(0)))))
        {
            Assert.Equal(HttpStatusCode.OK, predicted.StatusCode);
        }

        using var response = await http.GetAsync(new Uri("metrics/prometheus", UriKind.Relative));
        var exposition = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("ml_layer_predictions_total", exposition, StringComparison.Ordinal);
        Assert.Contains("process_cpu_seconds_total", exposition, StringComparison.Ordinal);
        Assert.Contains("dotnet_total_memory_bytes", exposition, StringComparison.Ordinal);
        Assert.Contains("system_runtime_dotnet_gc_collections", exposition, StringComparison.Ordinal);
        Assert.Contains("http_requests_received_total{code=\"200\",method=\"POST\"", exposition, StringComparison.Ordinal);
        Assert.Matches("(?m)^ml_layer_adhoc_predictions_total\\{endpoint=\"predict\",outcome=\"(allowed|suppressed)\"\\} [1-9]", exposition);
        Assert.Matches("(?m)^ml_layer_audit_write_failures_total \\d", exposition);
        await Promtool.AssertValidAsync(exposition);
    }

    [Fact]
    public async Task A_body_larger_than_one_network_read_is_parsed_whole_and_one_over_the_limit_is_refused()
    {
        using var http = worker.CreateClient();
        var items = Enumerable.Range(0, 400).Select(i => (JsonNode?)PredictBodies.Predict("BATCH" + i, BarTime(0))).ToArray();
        var batch = new JsonObject { ["requests"] = new JsonArray(items) }.ToJsonString();
        Assert.True(batch.Length > 200_000);

        using var response = await http.PostAsync(new Uri("batch_predict", UriKind.Relative), new StringContent(batch, Encoding.UTF8, "application/json"));
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(400, result["predictions"]!.AsArray().Count);
        Assert.Empty(result["errors"]!.AsArray());

        // Admin:MaxRequestBodyBytes defaults to 1 MiB. The client waits for "100 Continue" as curl does for large
        // bodies: Kestrel refuses on Content-Length and closes, so a client still sending would race a broken pipe.
        using var tooLarge = new HttpRequestMessage(HttpMethod.Post, new Uri("batch_predict", UriKind.Relative))
        {
            Content = new StringContent(batch + new string(' ', 1024 * 1024), Encoding.UTF8, "application/json"),
        };
        tooLarge.Headers.ExpectContinue = true;
        using var refused = await http.SendAsync(tooLarge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Sigterm_stops_the_worker_with_exit_code_0_and_the_audit_file_holds_every_decision()
    {
        // Its own process: stopping the shared one would take it from the other tests.
        await using var own = await WorkerProcess.StartAsync();
        using var http = own.CreateClient();
        var decisionIds = new List<string>();
        for (var bar = 0; bar < 5; bar++)
        {
            using var response = await http.PostAsync(new Uri("predict", UriKind.Relative), Json(PredictBodies.Predict("EURUSD", BarTime(bar))));
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            decisionIds.Add(body["prediction"]!["decision_id"]!.GetValue<string>());
        }

        var exitCode = await own.TerminateAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{own.Output}");
        var audit = await File.ReadAllLinesAsync(own.AuditFile);
        Assert.All(decisionIds, id => Assert.Single(audit, line => line.Contains(id, StringComparison.Ordinal)));
        Assert.Equal(5, decisionIds.Distinct().Count());
    }

    private static string BarTime(int bar) =>
        new DateTime(2025, 12, 22, 0, 0, 0, DateTimeKind.Utc).AddHours(4 * bar).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
