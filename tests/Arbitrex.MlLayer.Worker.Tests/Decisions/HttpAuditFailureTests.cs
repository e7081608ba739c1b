using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Decisions;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.Decisions;

/// <summary>
/// The audit folder is one for the bus and HTTP: an ad-hoc prediction whose audit record cannot be written (a real
/// full disk, a small tmpfs) is answered 503 and makes the worker not ready, counts in <c>audit_write_failures</c>
/// and fires <c>audit_write_failed</c>, as a bus write's failure does; a later write that succeeds ends it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HttpAuditFailureTests : IDisposable
{
    private readonly TempDirectory _state = new();

    public void Dispose() => _state.Dispose();

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    [Fact]
    public async Task An_http_audit_write_on_a_full_disk_answers_503_fails_readiness_counts_and_alerts_then_recovers_with_space()
    {
        using var disk = TmpfsFolder.TryMount("256k", out var whyNot);
        Assert.True(disk is not null, whyNot);
        using var factory = new AdminApiFactory(_state.Path, settings: new Dictionary<string, string?> { ["Audit:Directory"] = disk.Path });
        using var client = factory.CreateClient();

        // Filled before the first record: a file with a record could take the next one in its last page's slack.
        var filler = disk.Fill();
        using var refused = await client.PostAsync("/predict", Json(PredictBodies.Predict("DISKFULL")));
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        using var readyWhileFull = await client.GetAsync("/health/ready");
        var auditHealth = factory.Services.GetRequiredService<AuditHealth>();
        var healthyWhileFull = auditHealth.IsHealthy;
        var metrics = (await client.GetFromJsonAsync<JsonObject>("/metrics"))!;
        var monitor = factory.Services.GetRequiredService<MlMonitor>();
        monitor.EvaluateAlerts();
        var alertsWhileFull = monitor.ActiveAlerts.Select(a => a.Name).ToList();
        var exposition = await client.GetStringAsync("/metrics/prometheus");

        File.Delete(filler);
        using var after = await client.PostAsync("/predict", Json(PredictBodies.Predict("DISKFREED")));
        using var readyAfter = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("audit record could not be written", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileFull.StatusCode);
        Assert.False(healthyWhileFull);
        Assert.True(metrics["audit_write_failures"]!.GetValue<long>() >= 1);
        Assert.Contains(DefaultAlertRules.AuditWriteFailed.Name, alertsWhileFull);
        Assert.Matches(@"(?m)^ml_layer_audit_write_failures_total [1-9]", exposition);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
        Assert.True(auditHealth.IsHealthy);
    }
}
