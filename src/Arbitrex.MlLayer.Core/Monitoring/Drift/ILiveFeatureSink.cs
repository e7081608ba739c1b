using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>Takes the inputs and decision of every bar the engine decided on the bus. Cheap enough for the hot path.</summary>
public interface ILiveFeatureSink
{
    void Record(IReadOnlyDictionary<string, double> features, MlDecision decision);
}
