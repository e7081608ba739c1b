using Arbitrex.MlLayer.Core.Monitoring.Drift;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

/// <summary>A signal filter version with a baseline built in the test (the registry's reading of metadata is tested with the registry).</summary>
internal sealed class FixedBaselineSource(string version, DriftBaseline? baseline) : IDriftBaselineSource
{
    public ActiveBaseline Active() => new("signal_filter", version, baseline);

    public void Forget(string model, string version)
    {
    }
}
