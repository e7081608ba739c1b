using System.ComponentModel.DataAnnotations;
using Arbitrex.MlLayer.Core.Configuration;

namespace Arbitrex.MlLayer.Worker.Telemetry;

/// <summary>OpenTelemetry tracing across consume → decide → audit → publish (section <c>Telemetry:Tracing</c>).</summary>
public sealed class TracingOptions
{
    public const string SectionName = "Telemetry:Tracing";

    /// <summary>Off by default: with no listener the spans cost one null check each.</summary>
    public bool Enabled { get; set; }

    public TracingExporter Exporter { get; set; } = TracingExporter.Otlp;

    /// <summary>The collector's OTLP endpoint; the exporter's default (<c>http://localhost:4317</c>) when unset.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Share of new traces recorded; a trace started upstream (a <c>traceparent</c> header) follows its parent's choice.</summary>
    [OptionRange(0.0, 1.0)]
    public double SampleRatio { get; set; } = 1.0;

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    [Required]
    public string ServiceName { get; set; } = "arbitrex-ml-layer";
}
