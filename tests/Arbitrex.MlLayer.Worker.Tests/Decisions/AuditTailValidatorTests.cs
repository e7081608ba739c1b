using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Decisions;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Decisions;

[Trait("Category", "Unit")]
public sealed class AuditTailValidatorTests
{
    private static async Task<string> CorruptChainAsync(string directory)
    {
        await using (var writer = new AuditLogWriter(Options.Create(new AuditOptions { Directory = directory }), TimeProvider.System, NullLogger<AuditLogWriter>.Instance))
        {
            var engine = new DeterministicEngine();
            await writer.AppendAsync(engine.FailClosed("EURUSD", "4H", Bars.Start, "one"), null, null);
            await writer.AppendAsync(engine.FailClosed("EURUSD", "4H", Bars.Start.AddHours(4), "two"), null, null);
        }

        var file = Path.Combine(directory, "predictions.jsonl");
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, [lines[0], lines[1].Replace("\"two\"", "\"2\"", StringComparison.Ordinal)]);
        return file;
    }

    [Fact]
    public async Task A_damaged_last_record_fails_validation_naming_the_file_and_line()
    {
        using var dir = new TempDirectory();
        var file = await CorruptChainAsync(dir.Path);

        var result = new AuditTailValidator().Validate(null, new AuditOptions { Directory = dir.Path });

        Assert.True(result.Failed);
        Assert.StartsWith($"Audit:Directory: the last audit record, '{file}' line 2, does not match its hash; run 'audit verify", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("InMemory")]
    [InlineData("RabbitMq")]
    public async Task A_damaged_audit_tail_stops_the_host_at_start_in_either_mode(string transport)
    {
        using var dir = new TempDirectory();
        var file = await CorruptChainAsync(dir.Path);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = transport,
            ["Bus:RabbitMq:Uri"] = "amqp://guest:guest@127.0.0.1:1/",
        });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IInferenceEngine, DeterministicEngine>();
        builder.Services.AddSingleton<IPredictionMonitor, RecordingMonitor>();
        builder.Services.AddSingleton<IAuditLog, RecordingAuditLog>();
        builder.Services.Configure<AuditOptions>(options => options.Directory = dir.Path);
        builder.AddMlLayerBus();
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"'{file}' line 2", Assert.Single(refused.Failures), StringComparison.Ordinal);
    }
}
