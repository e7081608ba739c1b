using Arbitrex.MlLayer.Worker.Bus;

var builder = Host.CreateApplicationBuilder(args);
builder.AddMlLayerBus();
var host = builder.Build();
await host.RunAsync();
