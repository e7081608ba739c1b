using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary>Headless Chromium renders the status page's live quality chart from outcomes recorded into the host's sink.</summary>
[Trait("Category", "Integration")]
public sealed class StatusPageLiveQualityBrowserTests
{
    private const string Version = "v1.0.0_rule_based";

    [Fact]
    public async Task The_status_page_charts_live_auc_and_hit_rate_per_version()
    {
        using var state = new TempDirectory();
        var port = FreePort();
        using var factory = new AdminApiFactory(state.Path, settings: new Dictionary<string, string?> { ["Admin:Urls"] = $"http://127.0.0.1:{port}" });
        factory.UseKestrel(port);
        factory.StartServer();
        var sink = factory.Services.GetRequiredService<LiveQualityTracker>();
        for (var i = 0; i < 120; i++)
        {
            var p = 0.05 + (0.9 * (i % 30) / 30.0);
            sink.Record(new ScoredOutcome($"d{i}", Version, Version, "TRENDING", p, p > 0.3, (i % 4 != 0) == (p > 0.4), null, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow));
        }

        var page = await HeadlessChromium.CaptureAsync(
            new Uri($"http://127.0.0.1:{port}/ui?interval=500"),
            Path.Combine(AppContext.BaseDirectory, "screenshots", "status-page-live-quality.png"),
            TimeSpan.FromSeconds(4));

        foreach (var figure in new[] { "auc", "hit_rate" })
        {
            Assert.Matches($"<polyline class=\"series[a-z ]*\" data-series=\"{figure}:{Regex.Escape(Version)}\"[^>]* points=\"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+", page.Dom);
        }

        Assert.Contains($"{Version}: AUC (solid), hit rate (dashed)", WebUtility.HtmlDecode(page.Dom), StringComparison.Ordinal);
        Assert.DoesNotMatch("<text[^>]*class=\"note\"", page.Dom);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
