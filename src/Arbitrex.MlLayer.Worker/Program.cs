using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Arbitrex.MlLayer.Worker.Cli;
using Arbitrex.MlLayer.Worker.Hosting;
using Arbitrex.MlLayer.Worker.Shadow;
using Arbitrex.MlLayer.Worker.Telemetry;

if ((AuditVerbs.TryRun(args, Console.Out) ?? MovedTrainVerb.TryRun(args, Console.Error)) is { } exitCode)
{
    return exitCode;
}

if (await ProbeVerb.TryRunAsync(args, Console.Out) is { } probeExitCode)
{
    return probeExitCode;
}

// `dotnet run` works in the repository root (models/, logs/); the settings files ship next to the binary.
if (!File.Exists("appsettings.json") && !args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)))
{
    args = [$"--contentRoot={AppContext.BaseDirectory}", .. args];
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddMlLayerLogging();
    builder.AddMlLayerEngine();
    builder.AddMlLayerObservability();
    builder.AddMlLayerTracing();
    builder.AddMlLayerAdmin();
    builder.AddMlLayerBus();
    builder.AddMlLayerShadow();

    var app = builder.Build();
    InvalidConfiguration.ValidateNow(app.Services);
    if (await BrokerStartupCheck.RunAsync(app.Services) is { } brokerExitCode)
    {
        await app.DisposeAsync();
        return brokerExitCode;
    }

    app.MapMlLayerAdmin();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (InvalidConfiguration.Lines(ex) is { Count: > 0 } lines)
{
    foreach (var line in lines)
    {
        await Console.Error.WriteLineAsync(line);
    }

    return InvalidConfiguration.ExitCode;
}

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
