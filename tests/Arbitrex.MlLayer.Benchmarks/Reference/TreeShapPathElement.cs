namespace Arbitrex.MlLayer.Benchmarks.Reference;

/// <summary>One element of the unique feature path that Algorithm 2 carries down a tree.</summary>
internal struct TreeShapPathElement
{
    public int FeatureIndex;
    public double ZeroFraction;
    public double OneFraction;
    public double PathWeight;
}
