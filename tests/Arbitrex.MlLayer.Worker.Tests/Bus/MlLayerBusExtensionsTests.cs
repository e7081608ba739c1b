using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Bus;

public sealed class MlLayerBusExtensionsTests
{
    private static (IHost Host, RecordingMonitor Monitor, RecordingAuditLog Audit) Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var monitor = new RecordingMonitor();
        var audit = new RecordingAuditLog();
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IInferenceEngine, DeterministicEngine>();
        builder.Services.AddSingleton<IPredictionMonitor>(monitor);
        builder.Services.AddSingleton<IAuditLog>(audit);
        builder.Services.Configure<AuditOptions>(options => options.Enabled = false);
        builder.AddMlLayerBus();
        return (builder.Build(), monitor, audit);
    }

    [Fact]
    public async Task The_in_memory_transport_with_the_sample_feed_decides_bars_without_a_broker()
    {
        var (host, monitor, audit) = Build(new()
        {
            ["Bus:Transport"] = "InMemory",
            ["Bus:SampleFeed:Interval"] = "00:00:00.050",
            ["Bus:SampleFeed:Symbols:0"] = "EURUSD",
            ["Bus:SampleFeed:Symbols:1"] = "GBPUSD",
        });
        using (host)
        {
            await host.StartAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (monitor.Decisions.Count < 6 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            await host.StopAsync();
        }

        Assert.True(monitor.Decisions.Count >= 6, $"only {monitor.Decisions.Count} decisions");
        Assert.Equal(["EURUSD", "GBPUSD"], monitor.Decisions.Select(d => d.Symbol).Distinct().Order());
        Assert.Equal(monitor.Decisions.Count, monitor.Decisions.Select(d => d.DecisionId).Distinct().Count());
        Assert.True(audit.Records.Count >= monitor.Decisions.Count);
        Assert.Empty(monitor.JoinTimeouts);
    }

    [Fact]
    public async Task An_invalid_bus_section_stops_the_host_at_start_naming_the_key()
    {
        var (host, _, _) = Build(new() { ["Bus:Transport"] = "InMemory", ["Bus:Join:Window"] = "00:00:00" });
        using (host)
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

            Assert.Contains("Bus:Join:Window must be positive.", error.Failures);
        }
    }
}
