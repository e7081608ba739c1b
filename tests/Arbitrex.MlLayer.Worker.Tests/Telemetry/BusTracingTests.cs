using System.Diagnostics;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.InMemory;
using Arbitrex.MlLayer.Worker.Telemetry;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Arbitrex.MlLayer.Worker.Tests.Telemetry;

/// <summary>Optional tracing: a bar's spans through the embedded transport, exported by the OpenTelemetry SDK.</summary>
[Trait("Category", "Unit")]
public sealed class BusTracingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_bar_is_traced_from_the_publishers_traceparent_through_decide_audit_and_publish_to_the_decision_headers()
    {
        var exported = new List<Activity>();
        var (host, _, audit) = Build(enabled: true, exported);
        using (host)
        {
            await host.StartAsync();
            var broker = host.Services.GetRequiredService<InMemoryBroker>();
            var published = new TaskCompletionSource<InMemoryMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            broker.SubscribeToDecisions(m => published.TrySetResult(m));
            var upstream = ActivityTraceId.CreateRandom();
            var upstreamSpan = ActivitySpanId.CreateRandom();
            var traceparent = $"00-{upstream}-{upstreamSpan}-01";

            broker.Publish(MessageExchanges.FeatureSnapshot, "TRACED.4H", Bars.Json(Bars.Features("TRACED", 0)), new Dictionary<string, object?> { ["traceparent"] = traceparent });
            broker.Publish(MessageExchanges.QseOutput, "TRACED.4H", Bars.Json(Bars.Qse("TRACED", 0)), new Dictionary<string, object?> { ["traceparent"] = traceparent });
            var decision = await published.Task.WaitAsync(Patience);
            await host.StopAsync();

            var spans = exported.Where(a => a.TraceId == upstream).ToList();
            Assert.Equal(2, spans.Count(a => a.DisplayName == "receive " + MessageExchanges.FeatureSnapshot || a.DisplayName == "receive " + MessageExchanges.QseOutput));
            Assert.All(spans.Where(a => a.Kind == ActivityKind.Consumer), a => Assert.Equal(upstreamSpan, a.ParentSpanId));
            var decide = Assert.Single(spans, a => a.DisplayName == "decide");
            var auditSpan = Assert.Single(spans, a => a.DisplayName == "audit");
            var publish = Assert.Single(spans, a => a.DisplayName == "publish " + MessageExchanges.Decision);
            var receivers = spans.Where(a => a.Kind == ActivityKind.Consumer).Select(a => a.SpanId).ToList();
            Assert.Contains(decide.ParentSpanId, receivers);
            Assert.Equal(decide.ParentSpanId, auditSpan.ParentSpanId);
            Assert.Equal(ActivityKind.Producer, publish.Kind);
            var id = JsonSerializer.Deserialize<MlDecision>(decision.Body.Span, ContractJson.Options)!.DecisionId;
            Assert.Equal(id, publish.GetTagItem("messaging.message.id"));
            Assert.Equal(publish.Id, decision.Headers[BusActivities.TraceParentHeader]);
            Assert.Single(audit.Records);
        }
    }

    [Fact]
    public async Task With_tracing_off_no_tracer_is_registered_and_decisions_carry_no_trace_headers()
    {
        var (host, _, _) = Build(enabled: false, exported: []);
        using (host)
        {
            Assert.Null(host.Services.GetService<TracerProvider>());
            await host.StartAsync();
            var broker = host.Services.GetRequiredService<InMemoryBroker>();
            var published = new TaskCompletionSource<InMemoryMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            broker.SubscribeToDecisions(m => published.TrySetResult(m));

            broker.Publish(MessageExchanges.FeatureSnapshot, "UNTRACED.4H", Bars.Json(Bars.Features("UNTRACED", 0)));
            broker.Publish(MessageExchanges.QseOutput, "UNTRACED.4H", Bars.Json(Bars.Qse("UNTRACED", 0)));
            var decision = await published.Task.WaitAsync(Patience);
            await host.StopAsync();

            Assert.False(decision.Headers.ContainsKey(BusActivities.TraceParentHeader));
        }
    }

    private static (IHost Host, RecordingMonitor Monitor, RecordingAuditLog Audit) Build(bool enabled, List<Activity> exported) =>
        BusTestHost.Build(
            new()
            {
                ["Bus:Transport"] = "InMemory",
                ["Bus:SampleFeed:Enabled"] = "false",
                ["Telemetry:Tracing:Enabled"] = enabled ? "true" : "false",
                ["Telemetry:Tracing:Exporter"] = "Console",
            },
            builder =>
            {
                builder.AddMlLayerTracing();
                builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));
            });
}
