using Arbitrex.MlLayer.Worker.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Arbitrex.MlLayer.Worker.Telemetry;

/// <summary>
/// Optional OpenTelemetry tracing (<c>Telemetry:Tracing:Enabled</c>): the bar path's spans
/// (<see cref="BusActivities"/>) and the admin port's HTTP requests, exported over OTLP or to the console.
/// </summary>
public static class TracingHostingExtensions
{
    public static IHostApplicationBuilder AddMlLayerTracing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TracingOptions>().BindConfiguration(TracingOptions.SectionName).ValidateOnStartWith(new TracingOptionsValidator());
        var options = builder.Configuration.GetSection(TracingOptions.SectionName).Get<TracingOptions>() ?? new TracingOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(BusActivities.SourceName)
                    .AddAspNetCoreInstrumentation()
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SampleRatio)));
                if (options.Exporter == TracingExporter.Console)
                {
                    tracing.AddConsoleExporter();
                }
                else
                {
                    tracing.AddOtlpExporter(otlp =>
                    {
                        if (options.OtlpEndpoint is not null)
                        {
                            otlp.Endpoint = options.OtlpEndpoint;
                        }
                    });
                }
            });
        return builder;
    }
}
