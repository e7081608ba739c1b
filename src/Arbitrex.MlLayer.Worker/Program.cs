using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMlLayerEngine();
builder.AddMlLayerBus();

var app = builder.Build();
await app.RunAsync();
