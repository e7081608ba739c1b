using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Cli;
using Arbitrex.MlLayer.Worker.Hosting;

if (AuditVerbs.TryRun(args, Console.Out) is { } exitCode)
{
    return exitCode;
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
