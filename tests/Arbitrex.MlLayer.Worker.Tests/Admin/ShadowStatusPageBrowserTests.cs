using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary>
/// The embedded worker (<c>dotnet run</c>'s mode: in-process bus, sample feed) with a trained shadow signal filter set
/// by <c>PUT /config</c>: headless Chromium renders the comparison on <c>/ui</c>.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Worker", "Process")]
public sealed class ShadowStatusPageBrowserTests
{
    [Fact]
    public async Task The_status_page_shows_the_shadow_comparison_of_the_live_stream()
    {
        await using var worker = await WorkerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Bus:SampleFeed:Enabled"] = "true",
            ["Monitoring:DefaultAlertRulesEnabled"] = "false",
        });
        using var http = worker.CreateClient();
        var incoming = Path.Combine(worker.StateDirectory, "incoming");
        Directory.CreateDirectory(incoming);
        await File.WriteAllBytesAsync(Path.Combine(incoming, "stump.json"), XgboostStump.Model("hurst_exponent", 0.5f, -1.5f, 1.5f));
        var registered = await http.PostAsync(new Uri("models/register", UriKind.Relative), Json(new JsonObject
        {
            ["model_name"] = "signal_filter",
            ["version"] = "v9.0.0",
            ["model_path"] = "stump.json",
            ["metadata"] = new JsonObject { ["features"] = 16 },
        }));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var configured = await http.PutAsync(new Uri("config", UriKind.Relative), Json(JsonNode.Parse("""{"model":{"shadow_signal_filter_version":"v9.0.0"}}""")!));
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonObject shadow;
        while ((shadow = (await http.GetFromJsonAsync<JsonObject>(new Uri("models/shadow", UriKind.Relative)))!)["comparison"]!["window"]!["bars"]!.GetValue<int>() < 12
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var page = await HeadlessChromium.CaptureAsync(new Uri(worker.BaseAddress, "ui?interval=500"), Path.Combine(AppContext.BaseDirectory, "screenshots", "status-page-shadow.png"), TimeSpan.FromSeconds(6));

        Assert.Contains("signal_filter v9.0.0", Text(page.Dom, "shadow-versions"), StringComparison.Ordinal);
        Assert.Matches("^[0-9]{1,3}\\.[0-9] %$", Text(page.Dom, "shadow-allow-agreement"));
        Assert.Equal("100.0 %", Text(page.Dom, "shadow-regime-agreement"));
        Assert.Matches("^0\\.[0-9]{4} / 0\\.[0-9]{4}$", Text(page.Dom, "shadow-delta"));
        Assert.True(int.Parse(Text(page.Dom, "shadow-bars"), CultureInfo.InvariantCulture) >= 12, page.Dom);
        Assert.Contains(shadow["shadow_config_hash"]!.GetValue<string>(), Text(page.Dom, "shadow-state"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, Text(page.Dom, "error"));
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static string Text(string dom, string id)
    {
        var match = Regex.Match(dom, $"id=\"{id}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"no element #{id} in the rendered page");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }
}
