using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Bus.Delivery;
using Arbitrex.MlLayer.Worker.Decisions;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Worker.Tests.Decisions;

[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
public sealed class AuditHealthTests(RabbitMqNode node)
{
    [Fact]
    public async Task A_failure_holds_new_deliveries_until_a_write_succeeds_again()
    {
        var health = TestAuditHealth.Create();
        health.ReportFailure(new IOException("No space left on device"));
        health.ReportFailure(new IOException("No space left on device"));

        var held = health.WaitUntilHealthyAsync(CancellationToken.None);
        Assert.False(held.IsCompleted);
        Assert.False(health.IsHealthy);
        Assert.Equal("No space left on device", health.LastError);

        health.ReportSuccess();
        await held.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(health.IsHealthy);
        Assert.Null(health.LastError);
        Assert.Equal(2, health.Failures);
    }

    [Fact]
    public void A_failed_audit_write_fires_the_audit_write_failed_alert_at_once_and_it_resolves_a_minute_after()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        using var monitor = new MlMonitor(Options.Create(new MonitoringOptions()), time);

        monitor.RecordAuditWriteFailure();
        monitor.EvaluateAlerts();
        Assert.Contains(monitor.ActiveAlerts, a => a.Name == DefaultAlertRules.AuditWriteFailed.Name);

        time.Advance(TimeSpan.FromMinutes(2));
        monitor.EvaluateAlerts();
        Assert.DoesNotContain(monitor.ActiveAlerts, a => a.Name == DefaultAlertRules.AuditWriteFailed.Name);
    }

    [Fact]
    public async Task With_the_audit_disk_full_nothing_is_published_unaudited_and_after_space_is_freed_every_bar_is_decided_once()
    {
        Assert.True(node.IsPrivate, "needs a private node (unset RABBITMQ_URI)");
        using var disk = TmpfsFolder.TryMount("256k", out var whyNot);
        Assert.True(disk is not null, whyNot);
        const int Bars = 40;
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using var worker = await InProcessWorker.StartAsync(node.Uri, auditDirectory: disk.Path);
        await using var publisher = await InputPublisher.StartAsync(node);
        var readiness = worker.Services.GetServices<IHealthCheck>().OfType<DeliveryReadinessCheck>().SingleOrDefault()
            ?? ActivatorUtilities.CreateInstance<DeliveryReadinessCheck>(worker.Services);
        var filler = disk.Fill();

        for (var bar = 0; bar < Bars; bar++)
        {
            await publisher.FeaturesAsync(TestSupport.Bars.Features("FULL" + bar, 0));
            await publisher.QseAsync(TestSupport.Bars.Qse("FULL" + bar, 0));
        }

        var health = worker.Services.GetRequiredService<AuditHealth>();
        await WaitUntilAsync(() => !health.IsHealthy, "the audit never reported failing");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var ready = await readiness.CheckHealthAsync(new HealthCheckContext());
        var publishedWhileFull = subscriber.For("FULL").Count;

        File.Delete(filler);
        var expected = Enumerable.Range(0, Bars).Select(b => TestSupport.Bars.Id("FULL" + b, 0)).ToHashSet();
        var received = await subscriber.WaitForAsync("FULL", expected, TimeSpan.FromSeconds(90));
        await Task.Delay(500);
        var readyAfter = await readiness.CheckHealthAsync(new HealthCheckContext());
        await worker.Services.GetRequiredService<AuditLogWriter>().DisposeAsync();
        var audited = AuditLogReader.Read(disk.Path).Select(r => r.DecisionId).ToList();

        Assert.Equal(0, publishedWhileFull);
        Assert.Equal(HealthStatus.Unhealthy, ready.Status);
        Assert.Contains("audit writes failing", ready.Description, StringComparison.Ordinal);
        Assert.True(worker.Monitor.AuditWriteFailures > 0);
        Assert.Equal(HealthStatus.Healthy, readyAfter.Status);
        Assert.True(expected.SetEquals(received.Select(d => d.DecisionId)));
        Assert.Equal(Bars, subscriber.For("FULL").Count);
        Assert.Equal(Bars, audited.Count);
        Assert.True(expected.SetEquals(audited));
        Assert.True(AuditChainVerifier.Verify(disk.Path).IsIntact);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure) =>
        Assert.True(await Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(60)), failure);
}
