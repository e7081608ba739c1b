using System.Buffers;

namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>Exact TreeSHAP contributions (Lundberg et al.'s Algorithm 2) over the ensemble's trees.</summary>
internal sealed partial class TreeEnsemble
{
    private double[] _meanValue = [];
    private int _pathCapacity;
    private double[] _reciprocal = [];

    /// <summary>
    /// Exact TreeSHAP per feature plus the bias (<paramref name="baseMargin"/> plus every tree's expected value)
    /// in the last slot, as xgboost's <c>pred_contribs=True</c> and LightGBM's <c>C_API_PREDICT_CONTRIB</c>.
    /// </summary>
    public void Contributions(ReadOnlySpan<double> row, double baseMargin, Span<double> contributions)
    {
        var columns = FeatureCount + 1;
        var scratchLength = FeatureCount + columns;
        double[]? rentedScratch = null;
        TreeShapPathElement[]? rentedPath = null;
        try
        {
            var scratch = scratchLength <= StackallocLimit
                ? stackalloc double[scratchLength]
                : (rentedScratch = ArrayPool<double>.Shared.Rent(scratchLength)).AsSpan(0, scratchLength);
            var path = _pathCapacity <= StackallocLimit / 2
                ? stackalloc TreeShapPathElement[_pathCapacity]
                : (rentedPath = ArrayPool<TreeShapPathElement>.Shared.Rent(_pathCapacity)).AsSpan(0, _pathCapacity);
            var values = scratch[..FeatureCount];
            Convert(row, values);
            var phi = contributions[..columns];
            phi.Clear();
            foreach (var root in _treeRoots)
            {
                phi[FeatureCount] += _meanValue[root];
                TreeShap(values, phi, root, 0, path, 0, 1, 1, -1);
            }

            phi[FeatureCount] += baseMargin;
        }
        finally
        {
            if (rentedScratch is not null)
            {
                ArrayPool<double>.Shared.Return(rentedScratch);
            }

            if (rentedPath is not null)
            {
                ArrayPool<TreeShapPathElement>.Shared.Return(rentedPath);
            }
        }
    }

    private void InitializeShap()
    {
        // Children come after their parent in pre-order, so one backward pass sees children first.
        _meanValue = new double[_splitFeature.Length];
        for (var node = _meanValue.Length - 1; node >= 0; node--)
        {
            if (_splitFeature[node] < 0)
            {
                _meanValue[node] = _leafValue[node];
                continue;
            }

            var left = node + 1;
            var right = _rightChild[node];
            _meanValue[node] = ((_meanValue[left] * _cover[left]) + (_meanValue[right] * _cover[right])) / _cover[node];
        }

        // TreeEnsembleBuilder.MaxTreeDepth bounds MaxDepth, so the recursion and this path stay small.
        var pathDepth = MaxDepth + 2;
        _pathCapacity = pathDepth * (pathDepth + 1) / 2;
        _reciprocal = [.. Enumerable.Range(0, pathDepth + 2).Select(k => k == 0 ? 0d : 1d / k)];
    }

    private void TreeShap(
        ReadOnlySpan<double> row, Span<double> phi, int node, int uniqueDepth, Span<TreeShapPathElement> pathData,
        int parentOffset, double parentZeroFraction, double parentOneFraction, int parentFeature)
    {
        var offset = parentOffset + uniqueDepth + 1;
        pathData.Slice(parentOffset, uniqueDepth + 1).CopyTo(pathData[offset..]);
        var path = pathData[offset..];
        ExtendPath(path, uniqueDepth, parentZeroFraction, parentOneFraction, parentFeature);

        var split = _splitFeature[node];
        if (split < 0)
        {
            AddLeafContributions(path, uniqueDepth, _leafValue[node], phi);
            return;
        }

        var hot = NextNode(node, row[split]);
        var cold = hot == node + 1 ? _rightChild[node] : node + 1;
        var cover = _cover[node];
        var hotZeroFraction = _cover[hot] / cover;
        var coldZeroFraction = _cover[cold] / cover;
        var incomingZeroFraction = 1d;
        var incomingOneFraction = 1d;

        var pathIndex = 0;
        while (pathIndex <= uniqueDepth && path[pathIndex].FeatureIndex != split)
        {
            pathIndex++;
        }

        if (pathIndex != uniqueDepth + 1)
        {
            incomingZeroFraction = path[pathIndex].ZeroFraction;
            incomingOneFraction = path[pathIndex].OneFraction;
            UnwindPath(path, uniqueDepth, pathIndex);
            uniqueDepth--;
        }

        TreeShap(row, phi, hot, uniqueDepth + 1, pathData, offset, hotZeroFraction * incomingZeroFraction, incomingOneFraction, split);
        TreeShap(row, phi, cold, uniqueDepth + 1, pathData, offset, coldZeroFraction * incomingZeroFraction, 0, split);
    }

    private void ExtendPath(Span<TreeShapPathElement> path, int uniqueDepth, double zeroFraction, double oneFraction, int feature)
    {
        path[uniqueDepth].FeatureIndex = feature;
        path[uniqueDepth].ZeroFraction = zeroFraction;
        path[uniqueDepth].OneFraction = oneFraction;
        path[uniqueDepth].PathWeight = uniqueDepth == 0 ? 1 : 0;
        var inverseDepth = _reciprocal[uniqueDepth + 1];
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            path[i + 1].PathWeight += oneFraction * path[i].PathWeight * (i + 1) * inverseDepth;
            path[i].PathWeight = zeroFraction * path[i].PathWeight * (uniqueDepth - i) * inverseDepth;
        }
    }

    private void UnwindPath(Span<TreeShapPathElement> path, int uniqueDepth, int pathIndex)
    {
        var oneFraction = path[pathIndex].OneFraction;
        var zeroFraction = path[pathIndex].ZeroFraction;
        var nextOnePortion = path[uniqueDepth].PathWeight;
        var inverseDepth = _reciprocal[uniqueDepth + 1];
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (oneFraction != 0)
            {
                var previous = path[i].PathWeight;
                path[i].PathWeight = nextOnePortion * (uniqueDepth + 1) * _reciprocal[i + 1] / oneFraction;
                nextOnePortion = previous - (path[i].PathWeight * zeroFraction * (uniqueDepth - i) * inverseDepth);
            }
            else
            {
                path[i].PathWeight = path[i].PathWeight * (uniqueDepth + 1) * _reciprocal[uniqueDepth - i] / zeroFraction;
            }
        }

        for (var i = pathIndex; i < uniqueDepth; i++)
        {
            path[i].FeatureIndex = path[i + 1].FeatureIndex;
            path[i].ZeroFraction = path[i + 1].ZeroFraction;
            path[i].OneFraction = path[i + 1].OneFraction;
        }
    }

    private void AddLeafContributions(ReadOnlySpan<TreeShapPathElement> path, int uniqueDepth, double leaf, Span<double> phi)
    {
        for (var p = 1; p <= uniqueDepth; p++)
        {
            ref readonly var element = ref path[p];
            var weight = UnwoundPathSum(path, uniqueDepth, p);
            phi[element.FeatureIndex] += weight * (element.OneFraction - element.ZeroFraction) * leaf;
        }
    }

    private double UnwoundPathSum(ReadOnlySpan<TreeShapPathElement> path, int uniqueDepth, int pathIndex)
    {
        var oneFraction = path[pathIndex].OneFraction;
        var zeroFraction = path[pathIndex].ZeroFraction;
        var nextOnePortion = path[uniqueDepth].PathWeight;
        var total = 0d;
        var inverseDepth = _reciprocal[uniqueDepth + 1];
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (oneFraction != 0)
            {
                var portion = nextOnePortion * (uniqueDepth + 1) * _reciprocal[i + 1] / oneFraction;
                total += portion;
                nextOnePortion = path[i].PathWeight - (portion * zeroFraction * (uniqueDepth - i) * inverseDepth);
            }
            else if (zeroFraction != 0)
            {
                total += path[i].PathWeight * _reciprocal[uniqueDepth - i] / zeroFraction * (uniqueDepth + 1);
            }
        }

        return total;
    }
}
