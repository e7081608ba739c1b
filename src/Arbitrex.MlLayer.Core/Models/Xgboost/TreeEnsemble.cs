using System.Buffers;

namespace Arbitrex.MlLayer.Core.Models.Xgboost;

/// <summary>
/// The trees of one binary model as flat arrays (struct of arrays over every node of every tree).
/// Each tree is stored in pre-order, so a split's left child is the next node and only the right
/// child needs an index. Arithmetic is single precision in the order xgboost uses, so margins and
/// contributions come out as xgboost's own (float32) results.
/// </summary>
internal sealed class TreeEnsemble
{
    private const int StackallocLimit = 512;

    private readonly int[] _treeRoots;
    private readonly int[] _splitFeature;
    private readonly float[] _thresholdOrLeafValue;
    private readonly int[] _rightChild;
    private readonly int[] _missingChild;
    private readonly float[] _cover;
    private readonly float[] _meanValue;
    private readonly int _pathCapacity;

    /// <param name="splitFeature">Feature index of each split node, -1 for a leaf.</param>
    /// <param name="thresholdOrLeafValue">Split condition (go left when value &lt; condition), or the leaf value.</param>
    /// <param name="rightChild">Absolute index of the right child (unused for leaves).</param>
    /// <param name="missingChild">Absolute index of the child taken when the feature is missing (NaN).</param>
    /// <param name="cover">Sum of hessians that reached the node in training (TreeSHAP weights).</param>
    public TreeEnsemble(
        int featureCount, int[] treeRoots, int[] splitFeature, float[] thresholdOrLeafValue,
        int[] rightChild, int[] missingChild, float[] cover, int maxDepth)
    {
        FeatureCount = featureCount;
        _treeRoots = treeRoots;
        _splitFeature = splitFeature;
        _thresholdOrLeafValue = thresholdOrLeafValue;
        _rightChild = rightChild;
        _missingChild = missingChild;
        _cover = cover;
        MaxDepth = maxDepth;
        _meanValue = ComputeMeanValues();
        var pathDepth = maxDepth + 2;
        _pathCapacity = pathDepth * (pathDepth + 1) / 2;
    }

    public int FeatureCount { get; }

    public int TreeCount => _treeRoots.Length;

    public int NodeCount => _splitFeature.Length;

    public int MaxDepth { get; }

    /// <summary>Base margin plus every tree's leaf, accumulated in float tree by tree as xgboost does.</summary>
    public float Margin(ReadOnlySpan<double> row, float baseMargin)
    {
        var margin = baseMargin;
        foreach (var root in _treeRoots)
        {
            margin += _thresholdOrLeafValue[LeafOf(root, row)];
        }

        return margin;
    }

    /// <summary>Margins of a row-major block of rows; trees outermost so each tree stays in cache across the block.</summary>
    public void Margins(ReadOnlySpan<double> rows, int rowCount, float baseMargin, Span<float> margins)
    {
        margins[..rowCount].Fill(baseMargin);
        foreach (var root in _treeRoots)
        {
            for (var r = 0; r < rowCount; r++)
            {
                margins[r] += _thresholdOrLeafValue[LeafOf(root, rows.Slice(r * FeatureCount, FeatureCount))];
            }
        }
    }

    /// <summary>Exact TreeSHAP per feature plus the bias in the last slot, as xgboost's <c>pred_contribs=True</c>.</summary>
    public void Contributions(ReadOnlySpan<double> row, float baseMargin, Span<double> contributions)
    {
        var columns = FeatureCount + 1;
        float[]? rentedFloats = null;
        TreeShapPathElement[]? rentedPath = null;
        try
        {
            var scratch = columns * 2 <= StackallocLimit
                ? stackalloc float[columns * 2]
                : (rentedFloats = ArrayPool<float>.Shared.Rent(columns * 2)).AsSpan(0, columns * 2);
            var path = _pathCapacity <= StackallocLimit
                ? stackalloc TreeShapPathElement[_pathCapacity]
                : (rentedPath = ArrayPool<TreeShapPathElement>.Shared.Rent(_pathCapacity)).AsSpan(0, _pathCapacity);
            var total = scratch[..columns];
            var tree = scratch.Slice(columns, columns);
            total.Clear();
            foreach (var root in _treeRoots)
            {
                tree.Clear();
                tree[FeatureCount] += _meanValue[root];
                TreeShap(row, tree, root, 0, path, 0, 1f, 1f, -1);
                for (var c = 0; c < columns; c++)
                {
                    total[c] += tree[c];
                }
            }

            total[FeatureCount] += baseMargin;
            for (var c = 0; c < columns; c++)
            {
                contributions[c] = total[c];
            }
        }
        finally
        {
            if (rentedFloats is not null)
            {
                ArrayPool<float>.Shared.Return(rentedFloats);
            }

            if (rentedPath is not null)
            {
                ArrayPool<TreeShapPathElement>.Shared.Return(rentedPath);
            }
        }
    }

    private int LeafOf(int node, ReadOnlySpan<double> row)
    {
        int feature;
        while ((feature = _splitFeature[node]) >= 0)
        {
            node = NextNode(node, (float)row[feature]);
        }

        return node;
    }

    private int NextNode(int node, float value) =>
        float.IsNaN(value) ? _missingChild[node]
        : value < _thresholdOrLeafValue[node] ? node + 1
        : _rightChild[node];

    private float[] ComputeMeanValues()
    {
        // Children come after their parent in pre-order, so one backward pass sees children first.
        var mean = new float[_splitFeature.Length];
        for (var node = mean.Length - 1; node >= 0; node--)
        {
            if (_splitFeature[node] < 0)
            {
                mean[node] = _thresholdOrLeafValue[node];
                continue;
            }

            var left = node + 1;
            var right = _rightChild[node];
            var result = mean[left] * _cover[left];
            result += mean[right] * _cover[right];
            result /= _cover[node];
            mean[node] = result;
        }

        return mean;
    }

    // Lundberg et al.'s Algorithm 2, transcribed from xgboost's RegTree::TreeShap (condition = 0).
    private void TreeShap(
        ReadOnlySpan<double> row, Span<float> phi, int node, int uniqueDepth, Span<TreeShapPathElement> pathData,
        int parentOffset, float parentZeroFraction, float parentOneFraction, int parentFeature)
    {
        var offset = parentOffset + uniqueDepth + 1;
        pathData.Slice(parentOffset, uniqueDepth + 1).CopyTo(pathData[offset..]);
        var path = pathData[offset..];
        ExtendPath(path, uniqueDepth, parentZeroFraction, parentOneFraction, parentFeature);

        var split = _splitFeature[node];
        if (split < 0)
        {
            var leaf = _thresholdOrLeafValue[node];
            for (var i = 1; i <= uniqueDepth; i++)
            {
                var w = UnwoundPathSum(path, uniqueDepth, i);
                ref readonly var element = ref path[i];
                phi[element.FeatureIndex] += w * (element.OneFraction - element.ZeroFraction) * leaf;
            }

            return;
        }

        var hot = NextNode(node, (float)row[split]);
        var cold = hot == node + 1 ? _rightChild[node] : node + 1;
        var cover = _cover[node];
        var hotZeroFraction = _cover[hot] / cover;
        var coldZeroFraction = _cover[cold] / cover;
        var incomingZeroFraction = 1f;
        var incomingOneFraction = 1f;

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
        TreeShap(row, phi, cold, uniqueDepth + 1, pathData, offset, coldZeroFraction * incomingZeroFraction, 0f, split);
    }

    private static void ExtendPath(Span<TreeShapPathElement> path, int uniqueDepth, float zeroFraction, float oneFraction, int feature)
    {
        path[uniqueDepth].FeatureIndex = feature;
        path[uniqueDepth].ZeroFraction = zeroFraction;
        path[uniqueDepth].OneFraction = oneFraction;
        path[uniqueDepth].PathWeight = uniqueDepth == 0 ? 1f : 0f;
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            path[i + 1].PathWeight += oneFraction * path[i].PathWeight * (i + 1) / (float)(uniqueDepth + 1);
            path[i].PathWeight = zeroFraction * path[i].PathWeight * (uniqueDepth - i) / (float)(uniqueDepth + 1);
        }
    }

    private static void UnwindPath(Span<TreeShapPathElement> path, int uniqueDepth, int pathIndex)
    {
        var oneFraction = path[pathIndex].OneFraction;
        var zeroFraction = path[pathIndex].ZeroFraction;
        var nextOnePortion = path[uniqueDepth].PathWeight;
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (oneFraction != 0f)
            {
                var previous = path[i].PathWeight;
                path[i].PathWeight = nextOnePortion * (uniqueDepth + 1) / ((i + 1) * oneFraction);
                nextOnePortion = previous - path[i].PathWeight * zeroFraction * (uniqueDepth - i) / (float)(uniqueDepth + 1);
            }
            else
            {
                path[i].PathWeight = path[i].PathWeight * (uniqueDepth + 1) / (zeroFraction * (uniqueDepth - i));
            }
        }

        for (var i = pathIndex; i < uniqueDepth; i++)
        {
            path[i].FeatureIndex = path[i + 1].FeatureIndex;
            path[i].ZeroFraction = path[i + 1].ZeroFraction;
            path[i].OneFraction = path[i + 1].OneFraction;
        }
    }

    private static float UnwoundPathSum(ReadOnlySpan<TreeShapPathElement> path, int uniqueDepth, int pathIndex)
    {
        var oneFraction = path[pathIndex].OneFraction;
        var zeroFraction = path[pathIndex].ZeroFraction;
        var nextOnePortion = path[uniqueDepth].PathWeight;
        var total = 0f;
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (oneFraction != 0f)
            {
                var share = nextOnePortion * (uniqueDepth + 1) / ((i + 1) * oneFraction);
                total += share;
                nextOnePortion = path[i].PathWeight - share * zeroFraction * ((uniqueDepth - i) / (float)(uniqueDepth + 1));
            }
            else if (zeroFraction != 0f)
            {
                total += path[i].PathWeight / zeroFraction / ((uniqueDepth - i) / (float)(uniqueDepth + 1));
            }
        }

        return total;
    }
}
