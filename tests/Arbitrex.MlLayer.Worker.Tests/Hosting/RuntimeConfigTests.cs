using System.Text.Json;

namespace Arbitrex.MlLayer.Worker.Tests.Hosting;

/// <summary>The GC settings the runtime reads from the worker's runtimeconfig.json (copied beside the tests).</summary>
[Trait("Category", "Unit")]
public sealed class RuntimeConfigTests
{
    [Fact]
    public void The_worker_runs_workstation_gc_with_gen0_bounded_to_32_MiB()
    {
        // Without the bound the GC sizes gen0 from the CPU's largest cache, which a VM may report as hundreds of MB.
        using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Arbitrex.MlLayer.Worker.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(32L * 1024 * 1024, properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64());
    }
}
