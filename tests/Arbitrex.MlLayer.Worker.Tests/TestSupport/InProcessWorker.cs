using System.Globalization;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Bus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>The worker's bus wiring (<c>AddMlLayerBus</c>) in the test process, with the deterministic engine.</summary>
internal sealed class InProcessWorker : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessWorker(IHost host, RecordingMonitor monitor, RecordingAuditLog audit)
    {
        _host = host;
        Monitor = monitor;
        Audit = audit;
    }

    public RecordingMonitor Monitor { get; }

    public RecordingAuditLog Audit { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Cancelled when the host begins to stop, e.g. because a hosted service failed.</summary>
    public CancellationToken Stopping => _host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    /// <summary>
    /// A file to write the in-process worker's log to (Debug and up), with RabbitMQ.Client's own events in
    /// <c>&lt;file&gt;.client</c>: for tracing a failing bus test.
    /// </summary>
    public const string DiagnosticLogVariable = "ARBITREX_TEST_WORKER_LOG";

    public static async Task<InProcessWorker> StartAsync(string uri, TimeSpan? joinWindow = null, int prefetch = 256, LogEventHook? logHook = null, string? auditDirectory = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Uri"] = uri,
            ["Bus:PrefetchCount"] = prefetch.ToString(CultureInfo.InvariantCulture),
            ["Bus:Join:Window"] = (joinWindow ?? TimeSpan.FromSeconds(30)).ToString("c", CultureInfo.InvariantCulture),
            ["Bus:Retry:InitialDelay"] = "00:00:00.100",
            ["Bus:Retry:MaxDelay"] = "00:00:01",
            ["Bus:Retry:Attempts"] = "30",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logHook is not null)
        {
            builder.Logging.AddProvider(logHook);
            builder.Logging.AddFilter<LogEventHook>(null, LogLevel.Trace);
        }

        if (Environment.GetEnvironmentVariable(DiagnosticLogVariable) is { Length: > 0 } path)
        {
            builder.Logging.AddFilter<SerilogLoggerProvider>(null, LogLevel.Debug);
            builder.Logging.AddSerilog(
                new LoggerConfiguration().MinimumLevel.Debug()
                    .WriteTo.File(path, outputTemplate: "{Timestamp:HH:mm:ss.fff} [{Level:u3}] {SourceContext} {Message:lj}{NewLine}{Exception}")
                    .CreateLogger(),
                dispose: true);
            RabbitMqClientEventLog.Start(path + ".client");
        }
        var monitor = new RecordingMonitor();
        var audit = new RecordingAuditLog();
        builder.Services.AddSingleton<IInferenceEngine, DeterministicEngine>();
        builder.Services.AddSingleton<IPredictionMonitor>(monitor);
        if (auditDirectory is null)
        {
            builder.Services.AddSingleton<IAuditLog>(audit);
            builder.Services.Configure<AuditOptions>(options => options.Enabled = false);
        }
        else
        {
            // The real writer on the given folder, as the worker runs it.
            builder.Services.Configure<AuditOptions>(options => options.Directory = auditDirectory);
            builder.Services.AddSingleton<AuditLogWriter>();
            builder.Services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<AuditLogWriter>());
        }

        builder.AddMlLayerBus();
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessWorker(host, monitor, audit);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
