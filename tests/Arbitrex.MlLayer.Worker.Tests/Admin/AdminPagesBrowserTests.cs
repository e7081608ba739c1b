using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary>
/// Headless Chromium renders the started worker's HTML pages (<c>/docs</c>, <c>/ui</c>) with their
/// scripts. Screenshots go to <c>screenshots/</c> next to the test binaries; with
/// <c>UPDATE_SCREENSHOTS=1</c> they are also copied to <c>docs/screenshots/</c> for the README.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Worker", "Process")]
public sealed class AdminPagesBrowserTests(WorkerProcess worker) : IClassFixture<WorkerProcess>
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Swagger_ui_at_docs_renders_the_operations_list()
    {
        var page = await HeadlessChromium.CaptureAsync(new Uri(worker.BaseAddress, "docs"), Screenshot("docs.png"), Budget);

        Assert.Contains("class=\"swagger-ui\"", page.Dom, StringComparison.Ordinal);
        Assert.Contains("Arbitrex ML Layer admin API", page.Dom, StringComparison.Ordinal);
        foreach (var path in new[] { "/predict", "/batch_predict", "/config", "/metrics/prometheus", "/ui" })
        {
            Assert.Matches($"class=\"opblock-summary-path\" data-path=\"{Regex.Escape(path)}\"", page.Dom);
        }

        Publish(page);
    }

    [Fact]
    public async Task Status_page_renders_charts_and_headline_numbers_from_the_live_metrics()
    {
        // Its own worker with the in-memory sample feed: ad-hoc /predict calls never reach the live metrics.
        await using var feeding = await WorkerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Bus:SampleFeed:Enabled"] = "true",

            // The page's alert count is checked as 0, whatever the replayed market does to the seed rules.
            ["Monitoring:DefaultAlertRulesEnabled"] = "false",
        });
        using var http = feeding.CreateClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await http.GetFromJsonAsync<JsonObject>(new Uri("metrics", UriKind.Relative)))!["predictions_total"]!.GetValue<long>() < 12 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var page = await HeadlessChromium.CaptureAsync(new Uri(feeding.BaseAddress, "ui?interval=500"), Screenshot("status-page.png"), Budget);

        var metrics = (await http.GetFromJsonAsync<JsonObject>(new Uri("metrics", UriKind.Relative)))!;
        var status = (await http.GetFromJsonAsync<JsonObject>(new Uri("status", UriKind.Relative)))!;
        var shown = long.Parse(Text(page.Dom, "predictions-total").Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.InRange(shown, 12, metrics["predictions_total"]!.GetValue<long>());
        Assert.Matches("^[0-9]{1,3}\\.[0-9] %$", Text(page.Dom, "allow-rate"));
        Assert.Equal("0", Text(page.Dom, "active-alerts"));
        Assert.Equal(status["config_hash"]!.GetValue<string>(), Text(page.Dom, "config-hash"));
        Assert.Contains("signal_filter v1.0.0_rule_based", Text(page.Dom, "model-versions"), StringComparison.Ordinal);
        foreach (var chart in new[] { "allow-chart", "latency-chart", "regime-chart" })
        {
            var samples = int.Parse(Regex.Match(page.Dom, $"<svg id=\"{chart}\"[^>]*data-samples=\"([0-9]+)\"").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(samples >= 2, $"{chart} drew {samples} samples");
        }

        foreach (var series in new[] { "allow", "p50", "p95", "p99" })
        {
            Assert.Matches($"<polyline class=\"series\" data-series=\"{series}\"[^>]* points=\"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+", page.Dom);
        }

        foreach (var regime in new[] { "TRENDING", "RANGING", "STRESSED" })
        {
            Assert.Matches($"<polygon class=\"regime\" data-regime=\"{regime}\"", page.Dom);
        }

        // The drift panel: the shipped rule-based filter has no baseline yet, and each input has a row.
        Assert.StartsWith("signal_filter v1.0.0_rule_based: no baseline", Text(page.Dom, "drift-note"), StringComparison.Ordinal);
        Assert.Equal(17, Regex.Count(Regex.Match(page.Dom, "<tbody id=\"drift-rows\">(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value, "<tr>"));

        Assert.Equal(string.Empty, Text(page.Dom, "error"));
        Publish(page);
    }

    private static string Text(string dom, string id)
    {
        var match = Regex.Match(dom, $"id=\"{id}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"no element #{id} in the rendered page");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }

    private static string Screenshot(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", name);

    private static void Publish(ChromiumCapture page)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            var target = Path.Combine(RepoPaths.Root, "docs", "screenshots");
            Directory.CreateDirectory(target);
            File.Copy(page.ScreenshotPath, Path.Combine(target, Path.GetFileName(page.ScreenshotPath)), overwrite: true);
        }
    }
}
