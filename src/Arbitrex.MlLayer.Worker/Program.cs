using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMlLayerLogging();
builder.AddMlLayerEngine();
builder.AddMlLayerObservability();
builder.AddMlLayerAdmin();
builder.AddMlLayerBus();

var app = builder.Build();
app.MapMlLayerAdmin();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
