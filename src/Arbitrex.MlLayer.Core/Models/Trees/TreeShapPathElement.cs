namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>One element of the unique feature path that TreeSHAP carries down a tree.</summary>
internal struct TreeShapPathElement
{
    public int FeatureIndex;
    public double ZeroFraction;
    public double OneFraction;
    public double PathWeight;
}
