using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>What <c>POST /reset</c> clears: smoothing state and windowed metrics, never the audit log.</summary>
public sealed class ResetCoordinator(InferenceEngine engine, Arbitrex.MlLayer.Core.Monitoring.MlMonitor monitor)
{
    public void Reset()
    {
        engine.Reset();
        monitor.Reset();
    }
}
