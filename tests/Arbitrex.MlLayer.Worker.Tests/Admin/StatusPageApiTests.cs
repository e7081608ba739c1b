using System.Net;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

[Trait("Category", "Integration")]
public sealed class StatusPageApiTests : IDisposable
{
    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;

    public StatusPageApiTests()
    {
        _factory = new AdminApiFactory(_state.Path);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _state.Dispose();
    }

    [Fact]
    public async Task Status_page_is_served_as_html_that_polls_metrics_status_and_alerts()
    {
        using var response = await _client.GetAsync(StatusPageApi.Path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("getJson(\"/metrics\")", html, StringComparison.Ordinal);
        Assert.Contains("getJson(\"/status\")", html, StringComparison.Ordinal);
        Assert.Contains("getJson(\"/alerts\")", html, StringComparison.Ordinal);
        foreach (var chart in new[] { "allow-chart", "latency-chart", "regime-chart" })
        {
            Assert.Contains($"<svg id=\"{chart}\">", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Status_page_loads_nothing_from_other_hosts()
    {
        using var response = await _client.GetAsync(StatusPageApi.Path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Empty(Regex.Matches(html, "(src|href)\\s*=\\s*[\"']?(https?:)?//", RegexOptions.IgnoreCase));
        Assert.Empty(Regex.Matches(html, "<(script|link|img|iframe)[^>]*(src|href)=", RegexOptions.IgnoreCase));
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_page_is_listed_in_the_openapi_document()
    {
        var document = await _client.GetStringAsync("/swagger/v1/swagger.json");

        Assert.Contains("\"/ui\"", document, StringComparison.Ordinal);
    }
}
