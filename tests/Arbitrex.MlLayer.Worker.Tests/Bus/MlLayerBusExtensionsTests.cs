using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Bus;

[Trait("Category", "Integration")]
public sealed class MlLayerBusExtensionsTests
{
    [Fact]
    public async Task The_in_memory_transport_with_the_sample_feed_decides_bars_without_a_broker()
    {
        var (host, monitor, audit) = BusTestHost.Build(new()
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
        var (host, _, _) = BusTestHost.Build(new() { ["Bus:Transport"] = "InMemory", ["Bus:Join:Window"] = "00:00:00" });
        using (host)
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

            Assert.Contains("Bus:Join:Window must be positive.", error.Failures);
        }
    }
}
