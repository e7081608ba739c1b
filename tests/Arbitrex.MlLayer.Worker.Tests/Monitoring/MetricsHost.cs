using Arbitrex.MlLayer.Core.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Arbitrex.MlLayer.Worker.Tests.Monitoring;

/// <summary>A minimal Kestrel host on 127.0.0.1 serving a monitor's exposition at <c>/metrics/prometheus</c>.</summary>
internal sealed class MetricsHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsHost(WebApplication app, Uri metricsUrl)
    {
        _app = app;
        MetricsUrl = metricsUrl;
    }

    public Uri MetricsUrl { get; }

    public static async Task<MetricsHost> StartAsync(MlMonitor monitor)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapMetrics("/metrics/prometheus", monitor.Registry);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new MetricsHost(app, new Uri(new Uri(address), "/metrics/prometheus"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
