namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>Which half of a bar a message carries.</summary>
public enum HalfKind
{
    FeatureSnapshot,
    QseOutput,
}
