using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Bus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>A host with only the bus registered (<c>AddMlLayerBus</c>), the deterministic engine and recording monitor and audit log.</summary>
internal static class BusTestHost
{
    /// <param name="configure">More wiring after the bus's, e.g. tracing.</param>
    public static (IHost Host, RecordingMonitor Monitor, RecordingAuditLog Audit) Build(Dictionary<string, string?> settings, Action<HostApplicationBuilder>? configure = null)
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
        configure?.Invoke(builder);
        return (builder.Build(), monitor, audit);
    }
}
