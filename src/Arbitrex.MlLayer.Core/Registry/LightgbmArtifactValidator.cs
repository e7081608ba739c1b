namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>Validates LightGBM text artifacts (objective <c>binary</c>, numerical splits) for the signal filter.</summary>
public sealed class LightgbmArtifactValidator : TreeEnsembleArtifactValidator
{
    public override ModelKind Kind => ModelKind.Lightgbm;
}
