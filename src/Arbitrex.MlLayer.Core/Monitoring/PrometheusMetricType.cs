namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>The <c># TYPE</c> of a metric family in the Prometheus text format.</summary>
public enum PrometheusMetricType
{
    Counter,
    Gauge,
    Summary,
    Histogram,
}
