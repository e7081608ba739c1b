namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>Validates XGBoost JSON artifacts (<c>binary:logistic</c>) for the signal filter.</summary>
public sealed class XgboostArtifactValidator : TreeEnsembleArtifactValidator
{
    public override ModelKind Kind => ModelKind.XgboostJson;
}
