using Arbitrex.MlLayer.Core.Models.Trees;

namespace Arbitrex.MlLayer.Benchmarks.Reference;

/// <summary>
/// Lundberg et al.'s Algorithm 2 (xgboost's <c>RegTree::TreeShap</c>, LightGBM's <c>Tree::TreeSHAP</c>), in double
/// precision over a <see cref="TreeEnsemble"/>: the algorithm the engine used before Linear TreeSHAP, kept as the
/// benchmarks' baseline and the tests' second reference. O(leaves × depth²) per tree.
/// </summary>
internal sealed class LundbergTreeShap
{
    private readonly TreeEnsemble _ensemble;
    private readonly double[] _mean;
    private readonly TreeShapPathElement[] _path;
    private readonly double[] _values;

    public LundbergTreeShap(TreeEnsemble ensemble)
    {
        _ensemble = ensemble;
        var split = ensemble.SplitFeatures;
        var right = ensemble.RightChildren;
        var cover = ensemble.Covers;
        _mean = new double[split.Length];
        for (var node = _mean.Length - 1; node >= 0; node--)
        {
            _mean[node] = split[node] < 0
                ? ensemble.LeafValues[node]
                : ((_mean[node + 1] * cover[node + 1]) + (_mean[right[node]] * cover[right[node]])) / cover[node];
        }

        var depth = ensemble.MaxDepth + 2;
        _path = new TreeShapPathElement[depth * (depth + 1) / 2];
        _values = new double[ensemble.FeatureCount];
    }

    /// <summary>Contributions per feature, the bias last; not thread-safe (one scratch path).</summary>
    public void Contributions(ReadOnlySpan<double> row, double baseMargin, Span<double> contributions)
    {
        _ensemble.ConvertRow(row, _values);
        contributions.Clear();
        foreach (var root in _ensemble.TreeRoots)
        {
            contributions[_ensemble.FeatureCount] += _mean[root];
            Recurse(contributions, root, 0, 0, 1, 1, -1);
        }

        contributions[_ensemble.FeatureCount] += baseMargin;
    }

    private void Recurse(Span<double> phi, int node, int uniqueDepth, int parentOffset, double parentZero, double parentOne, int parentFeature)
    {
        var offset = parentOffset + uniqueDepth + 1;
        _path.AsSpan(parentOffset, uniqueDepth + 1).CopyTo(_path.AsSpan(offset));
        var path = _path.AsSpan(offset);
        Extend(path, uniqueDepth, parentZero, parentOne, parentFeature);
        var split = _ensemble.SplitFeatures[node];
        if (split < 0)
        {
            for (var i = 1; i <= uniqueDepth; i++)
            {
                var weight = UnwoundSum(path, uniqueDepth, i);
                phi[path[i].FeatureIndex] += weight * (path[i].OneFraction - path[i].ZeroFraction) * _ensemble.LeafValues[node];
            }

            return;
        }

        var hot = _ensemble.ChildFor(node, _values[split]);
        var cold = hot == node + 1 ? _ensemble.RightChildren[node] : node + 1;
        var cover = _ensemble.Covers[node];
        double incomingZero = 1, incomingOne = 1;
        var pathIndex = 0;
        while (pathIndex <= uniqueDepth && path[pathIndex].FeatureIndex != split)
        {
            pathIndex++;
        }

        if (pathIndex != uniqueDepth + 1)
        {
            incomingZero = path[pathIndex].ZeroFraction;
            incomingOne = path[pathIndex].OneFraction;
            Unwind(path, uniqueDepth, pathIndex);
            uniqueDepth--;
        }

        Recurse(phi, hot, uniqueDepth + 1, offset, _ensemble.Covers[hot] / cover * incomingZero, incomingOne, split);
        Recurse(phi, cold, uniqueDepth + 1, offset, _ensemble.Covers[cold] / cover * incomingZero, 0, split);
    }

    private static void Extend(Span<TreeShapPathElement> path, int uniqueDepth, double zero, double one, int feature)
    {
        path[uniqueDepth] = new TreeShapPathElement { FeatureIndex = feature, ZeroFraction = zero, OneFraction = one, PathWeight = uniqueDepth == 0 ? 1 : 0 };
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            path[i + 1].PathWeight += one * path[i].PathWeight * (i + 1) / (uniqueDepth + 1);
            path[i].PathWeight = zero * path[i].PathWeight * (uniqueDepth - i) / (uniqueDepth + 1);
        }
    }

    private static void Unwind(Span<TreeShapPathElement> path, int uniqueDepth, int pathIndex)
    {
        var one = path[pathIndex].OneFraction;
        var zero = path[pathIndex].ZeroFraction;
        var next = path[uniqueDepth].PathWeight;
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var previous = path[i].PathWeight;
                path[i].PathWeight = next * (uniqueDepth + 1) / ((i + 1) * one);
                next = previous - (path[i].PathWeight * zero * (uniqueDepth - i) / (uniqueDepth + 1));
            }
            else
            {
                path[i].PathWeight = path[i].PathWeight * (uniqueDepth + 1) / (zero * (uniqueDepth - i));
            }
        }

        for (var i = pathIndex; i < uniqueDepth; i++)
        {
            path[i].FeatureIndex = path[i + 1].FeatureIndex;
            path[i].ZeroFraction = path[i + 1].ZeroFraction;
            path[i].OneFraction = path[i + 1].OneFraction;
        }
    }

    private static double UnwoundSum(ReadOnlySpan<TreeShapPathElement> path, int uniqueDepth, int pathIndex)
    {
        var one = path[pathIndex].OneFraction;
        var zero = path[pathIndex].ZeroFraction;
        var next = path[uniqueDepth].PathWeight;
        var total = 0d;
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var portion = next * (uniqueDepth + 1) / ((i + 1) * one);
                total += portion;
                next = path[i].PathWeight - (portion * zero * (uniqueDepth - i) / (uniqueDepth + 1));
            }
            else
            {
                total += path[i].PathWeight / zero / ((uniqueDepth - i) / (double)(uniqueDepth + 1));
            }
        }

        return total;
    }
}
