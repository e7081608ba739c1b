using Arbitrex.MlLayer.Worker.Bus.InMemory;
using Arbitrex.MlLayer.Worker.Decisions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Arbitrex.MlLayer.Worker.Bus.Delivery;

/// <summary>
/// Readiness of the delivery pipeline in both modes (<c>/health/ready</c>): the audit log takes records (while it does
/// not, nothing is consumed), and in the embedded mode the in-process consumer is reading. The broker's side in
/// RabbitMQ mode is the bus check's.
/// </summary>
internal sealed class DeliveryReadinessCheck(AuditHealth auditHealth, InMemoryBarConsumer? inMemory = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!auditHealth.IsHealthy)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"audit writes failing since {auditHealth.FailingSince:o}: {auditHealth.LastError}; consuming is paused"));
        }

        if (inMemory is { IsConsuming: false })
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the in-process consumer is not reading the worker queue"));
        }

        return Task.FromResult(HealthCheckResult.Healthy("audit writes succeed; consuming"));
    }
}
