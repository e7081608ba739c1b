using Arbitrex.MlLayer.Worker.Hosting;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Worker.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class LoggingHostingExtensionsTests : IDisposable
{
    private readonly TempDirectory _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public void Every_event_logged_before_the_host_is_disposed_is_in_the_json_log_file()
    {
        // The sinks write on a background thread; disposing the host must drain what is still queued.
        const int Events = 2_000;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["Logging:Directory"] = _logs.Path;
        builder.AddMlLayerLogging();
        using (var host = builder.Build())
        {
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Arbitrex.MlLayer.Tests");
            for (var i = 0; i < Events; i++)
            {
#pragma warning disable CA1848, CA2254, CA1873 // A test's own message, logged once per iteration.
                logger.LogInformation("drain check {Index}", i);
#pragma warning restore CA1848, CA2254, CA1873
            }
        }

        var lines = Directory.GetFiles(_logs.Path, "ml-layer-*.log").SelectMany(File.ReadAllLines).Where(l => l.Contains("drain check", StringComparison.Ordinal)).ToList();
        Assert.Equal(Events, lines.Count);
        Assert.Contains("\"Index\":1999", lines[^1], StringComparison.Ordinal);
    }
}
