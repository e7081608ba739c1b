using Arbitrex.MlLayer.Worker.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMlLayerEngine();

var app = builder.Build();
await app.RunAsync();
