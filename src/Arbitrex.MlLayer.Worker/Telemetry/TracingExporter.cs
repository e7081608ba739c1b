namespace Arbitrex.MlLayer.Worker.Telemetry;

/// <summary>Where spans go when tracing is on.</summary>
public enum TracingExporter
{
    /// <summary>OTLP over gRPC or HTTP to <see cref="TracingOptions.OtlpEndpoint"/> (a collector, Jaeger, Tempo).</summary>
    Otlp,

    /// <summary>One block per span on standard output: for a look without a collector.</summary>
    Console,
}
