namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>Says which model's baseline live inputs are compared with, and gives it.</summary>
public interface IDriftBaselineSource
{
    /// <summary>The model and version in force, and its baseline (null when it has none).</summary>
    ActiveBaseline Active();

    /// <summary>Forgets a cached baseline, after it was written.</summary>
    void Forget(string model, string version);
}
