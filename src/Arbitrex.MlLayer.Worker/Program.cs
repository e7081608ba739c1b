using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Cli;
using Arbitrex.MlLayer.Worker.Hosting;

if (AuditVerbs.TryRun(args, Console.Out) is { } exitCode)
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

var builder = WebApplication.CreateBuilder(args);
builder.AddMlLayerLogging();
builder.AddMlLayerEngine();
builder.AddMlLayerObservability();
builder.AddMlLayerAdmin();
builder.AddMlLayerBus();

var app = builder.Build();
app.MapMlLayerAdmin();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
