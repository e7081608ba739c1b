namespace Arbitrex.MlLayer.Core.Models.Xgboost;

/// <summary>One element of the unique feature path that TreeSHAP carries down a tree.</summary>
internal struct TreeShapPathElement
{
    public int FeatureIndex;
    public float ZeroFraction;
    public float OneFraction;
    public float PathWeight;
}
