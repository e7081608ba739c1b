using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Configuration;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>What <c>POST /reset</c> clears: smoothing state (live and shadow), windowed metrics and the shadow comparison, never the audit log; recorded in the change log.</summary>
public sealed class ResetCoordinator(InferenceEngine engine, Arbitrex.MlLayer.Core.Monitoring.MlMonitor monitor, RuntimeConfigService configs, Arbitrex.MlLayer.Core.Monitoring.Shadow.ShadowComparison? shadow = null)
{
    public void Reset(AdminCaller caller)
    {
        var before = State();
        engine.Reset();
        monitor.Reset();
        shadow?.Reset();
        configs.Record(ConfigChangeActions.Reset, caller, target: null, before, State());
    }

    private JsonObject State() => new() { ["tracked_smoothing_keys"] = engine.Smoother.TrackedKeys };
}
