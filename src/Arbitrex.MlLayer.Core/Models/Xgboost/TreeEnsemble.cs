using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Arbitrex.MlLayer.Core.Models.Xgboost;

/// <summary>
/// The trees of one binary model as flat arrays (struct of arrays over every node of every tree).
/// Each tree is stored in pre-order, so a split's left child is the next node and only the right
/// child needs an index. Arithmetic is single precision in the order xgboost uses, so margins and
/// contributions come out as xgboost's own (float32) results.
/// </summary>
/// <remarks>
/// Prediction walks each tree for exactly its depth in steps, without a branch per node: a leaf is
/// made to lead to itself (threshold -inf sends every value right, its right and missing child are
/// itself), so the walk needs no leaf test, and eight trees (one row) or four rows (one tree) walk
/// side by side to overlap their memory latencies.
/// </remarks>
internal sealed class TreeEnsemble
{
    public const int BlockRows = 64;

    private const int StackallocLimit = 512;
    private const int Lanes = 4;
    private const int TreeLanes = 8;

    private readonly int[] _treeRoots;
    private readonly int[] _treeDepth;
    private readonly int[] _treeGroupDepth;

    // Walk arrays (leaves lead to themselves). _walkRightAndDefault packs the right child's index
    // (bits 1..31) with "a missing value goes left" (bit 0): the missing child is always one of the two.
    private readonly int[] _walkFeature;
    private readonly float[] _walkThreshold;
    private readonly int[] _walkRightAndDefault;

    // Tree structure for TreeSHAP (leaves have split feature -1).
    private readonly int[] _splitFeature;
    private readonly int[] _rightChild;
    private readonly int[] _missingChild;
    private readonly float[] _leafValue;
    private readonly float[] _cover;
    private readonly float[] _meanValue;
    private readonly int _pathCapacity;
    private readonly float[] _reciprocal;

    /// <param name="splitFeature">Feature index of each split node, -1 for a leaf.</param>
    /// <param name="thresholdOrLeafValue">Split condition (go left when value &lt; condition), or the leaf value.</param>
    /// <param name="rightChild">Absolute index of the right child (ignored for leaves).</param>
    /// <param name="missingChild">Absolute index of the child taken when the feature is missing (ignored for leaves).</param>
    /// <param name="cover">Sum of hessians that reached the node in training (TreeSHAP weights).</param>
    /// <param name="treeDepth">Depth of each tree (0 for a single leaf).</param>
    public TreeEnsemble(
        int featureCount, int[] treeRoots, int[] splitFeature, float[] thresholdOrLeafValue,
        int[] rightChild, int[] missingChild, float[] cover, int[] treeDepth)
    {
        FeatureCount = featureCount;
        _treeRoots = treeRoots;
        _treeDepth = treeDepth;
        _splitFeature = splitFeature;
        _cover = cover;
        var nodeCount = splitFeature.Length;
        _walkFeature = new int[nodeCount];
        _walkThreshold = new float[nodeCount];
        _rightChild = new int[nodeCount];
        _walkRightAndDefault = new int[nodeCount];
        _missingChild = new int[nodeCount];
        _leafValue = new float[nodeCount];
        for (var node = 0; node < nodeCount; node++)
        {
            var isLeaf = splitFeature[node] < 0;
            _walkFeature[node] = isLeaf ? 0 : splitFeature[node];
            _walkThreshold[node] = isLeaf ? float.NegativeInfinity : thresholdOrLeafValue[node];
            _rightChild[node] = isLeaf ? node : rightChild[node];
            _missingChild[node] = isLeaf ? node : missingChild[node];
            var missingGoesLeft = !isLeaf && missingChild[node] == node + 1;
            _walkRightAndDefault[node] = (_rightChild[node] << 1) | (missingGoesLeft ? 1 : 0);
            _leafValue[node] = isLeaf ? thresholdOrLeafValue[node] : 0f;
        }

        _treeGroupDepth = new int[treeRoots.Length / TreeLanes];
        for (var group = 0; group < _treeGroupDepth.Length; group++)
        {
            _treeGroupDepth[group] = treeDepth.AsSpan(group * TreeLanes, TreeLanes).ToArray().Max();
        }

        MaxDepth = treeDepth.Max();
        _meanValue = ComputeMeanValues(thresholdOrLeafValue);
        // XgboostJsonReader.MaxTreeDepth bounds MaxDepth, so TreeSHAP's recursion and this path stay small.
        var pathDepth = MaxDepth + 2;
        _pathCapacity = pathDepth * (pathDepth + 1) / 2;
        _reciprocal = [.. Enumerable.Range(0, pathDepth + 2).Select(k => k == 0 ? 0f : 1f / k)];
    }

    public int FeatureCount { get; }

    public int TreeCount => _treeRoots.Length;

    public int NodeCount => _splitFeature.Length;

    public int MaxDepth { get; }

    /// <summary>Base margin plus every tree's leaf, accumulated in float tree by tree as xgboost does.</summary>
    public float Margin(ReadOnlySpan<double> row, float baseMargin)
    {
        float[]? rented = null;
        try
        {
            var values = FeatureCount <= StackallocLimit
                ? stackalloc float[FeatureCount]
                : (rented = ArrayPool<float>.Shared.Rent(FeatureCount)).AsSpan(0, FeatureCount);
            return ToSingle(row, values)
                ? Margin<MissingValues>(ref MemoryMarshal.GetReference(values), baseMargin)
                : Margin<NoMissingValues>(ref MemoryMarshal.GetReference(values), baseMargin);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Margins of a row-major block of at most <see cref="BlockRows"/> rows; trees outermost so each tree stays in cache.</summary>
    public void Margins(ReadOnlySpan<double> rows, int rowCount, float baseMargin, Span<float> margins)
    {
        var valueCount = rowCount * FeatureCount;
        float[]? rented = null;
        try
        {
            var values = valueCount <= StackallocLimit * 4
                ? stackalloc float[valueCount]
                : (rented = ArrayPool<float>.Shared.Rent(valueCount)).AsSpan(0, valueCount);
            margins[..rowCount].Fill(baseMargin);
            if (ToSingle(rows[..valueCount], values))
            {
                AddLeaves<MissingValues>(rowCount, ref MemoryMarshal.GetReference(values), margins);
            }
            else
            {
                AddLeaves<NoMissingValues>(rowCount, ref MemoryMarshal.GetReference(values), margins);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    private void AddLeaves<TMissing>(int rowCount, ref float first, Span<float> margins)
        where TMissing : struct, IMissingValuePolicy
    {
        ref var feature = ref MemoryMarshal.GetArrayDataReference(_walkFeature);
        ref var threshold = ref MemoryMarshal.GetArrayDataReference(_walkThreshold);
        ref var right = ref MemoryMarshal.GetArrayDataReference(_walkRightAndDefault);
        var stride = FeatureCount;
        for (var t = 0; t < _treeRoots.Length; t++)
        {
            var root = _treeRoots[t];
            var depth = _treeDepth[t];
            var r = 0;
            for (; r + Lanes <= rowCount; r += Lanes)
            {
                ref var row0 = ref Unsafe.Add(ref first, r * stride);
                ref var row1 = ref Unsafe.Add(ref row0, stride);
                ref var row2 = ref Unsafe.Add(ref row1, stride);
                ref var row3 = ref Unsafe.Add(ref row2, stride);
                nint n0 = root, n1 = root, n2 = root, n3 = root;
                for (var step = 0; step < depth; step++)
                {
                    n0 = Step<TMissing>(n0, ref row0, ref feature, ref threshold, ref right);
                    n1 = Step<TMissing>(n1, ref row1, ref feature, ref threshold, ref right);
                    n2 = Step<TMissing>(n2, ref row2, ref feature, ref threshold, ref right);
                    n3 = Step<TMissing>(n3, ref row3, ref feature, ref threshold, ref right);
                }

                margins[r] += _leafValue[n0];
                margins[r + 1] += _leafValue[n1];
                margins[r + 2] += _leafValue[n2];
                margins[r + 3] += _leafValue[n3];
            }

            for (; r < rowCount; r++)
            {
                nint node = root;
                ref var row = ref Unsafe.Add(ref first, r * stride);
                for (var step = 0; step < depth; step++)
                {
                    node = Step<TMissing>(node, ref row, ref feature, ref threshold, ref right);
                }

                margins[r] += _leafValue[node];
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

    private float Margin<TMissing>(ref float values, float baseMargin)
        where TMissing : struct, IMissingValuePolicy
    {
        ref var feature = ref MemoryMarshal.GetArrayDataReference(_walkFeature);
        ref var threshold = ref MemoryMarshal.GetArrayDataReference(_walkThreshold);
        ref var right = ref MemoryMarshal.GetArrayDataReference(_walkRightAndDefault);
        var margin = baseMargin;
        var t = 0;
        for (var group = 0; group < _treeGroupDepth.Length; group++, t += TreeLanes)
        {
            nint n0 = _treeRoots[t], n1 = _treeRoots[t + 1], n2 = _treeRoots[t + 2], n3 = _treeRoots[t + 3];
            nint n4 = _treeRoots[t + 4], n5 = _treeRoots[t + 5], n6 = _treeRoots[t + 6], n7 = _treeRoots[t + 7];
            for (var step = _treeGroupDepth[group]; step > 0; step--)
            {
                n0 = Step<TMissing>(n0, ref values, ref feature, ref threshold, ref right);
                n1 = Step<TMissing>(n1, ref values, ref feature, ref threshold, ref right);
                n2 = Step<TMissing>(n2, ref values, ref feature, ref threshold, ref right);
                n3 = Step<TMissing>(n3, ref values, ref feature, ref threshold, ref right);
                n4 = Step<TMissing>(n4, ref values, ref feature, ref threshold, ref right);
                n5 = Step<TMissing>(n5, ref values, ref feature, ref threshold, ref right);
                n6 = Step<TMissing>(n6, ref values, ref feature, ref threshold, ref right);
                n7 = Step<TMissing>(n7, ref values, ref feature, ref threshold, ref right);
            }

            margin += _leafValue[n0];
            margin += _leafValue[n1];
            margin += _leafValue[n2];
            margin += _leafValue[n3];
            margin += _leafValue[n4];
            margin += _leafValue[n5];
            margin += _leafValue[n6];
            margin += _leafValue[n7];
        }

        for (; t < _treeRoots.Length; t++)
        {
            nint node = _treeRoots[t];
            for (var step = _treeDepth[t]; step > 0; step--)
            {
                node = Step<TMissing>(node, ref values, ref feature, ref threshold, ref right);
            }

            margin += _leafValue[node];
        }

        return margin;
    }

    // One level down, without branches. The reader proved every child index lies inside the ensemble and
    // every split feature below FeatureCount, so the accesses skip bounds checks.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Step<TMissing>(nint node, ref float values, ref int feature, ref float threshold, ref int rightAndDefault)
        where TMissing : struct, IMissingValuePolicy
    {
        var value = Unsafe.Add(ref values, (nint)(uint)Unsafe.Add(ref feature, node));
        nint packed = Unsafe.Add(ref rightAndDefault, node);
        nint goesLeft = Unsafe.BitCast<bool, byte>(value < Unsafe.Add(ref threshold, node));
        if (TMissing.Possible)
        {
            // NaN compares false, so only a missing value whose default is left needs turning.
            goesLeft |= Unsafe.BitCast<bool, byte>(float.IsNaN(value)) & packed;
        }

        var rightChild = packed >> 1;
        return rightChild + ((node + 1 - rightChild) & -goesLeft);
    }

    // xgboost compares in single precision: the value is rounded to float before "value < condition".
    // Returns whether any value is missing (NaN), so rows without any can skip the missing-value select.
    private static bool ToSingle(ReadOnlySpan<double> source, Span<float> destination)
    {
        var anyMissing = false;
        for (var i = 0; i < source.Length; i++)
        {
            var value = source[i];
            anyMissing |= double.IsNaN(value);
            destination[i] = (float)value;
        }

        return anyMissing;
    }

    private int NextNode(int node, float value) =>
        float.IsNaN(value) ? _missingChild[node]
        : value < _walkThreshold[node] ? node + 1
        : _rightChild[node];

    private float[] ComputeMeanValues(float[] thresholdOrLeafValue)
    {
        // Children come after their parent in pre-order, so one backward pass sees children first.
        var mean = new float[_splitFeature.Length];
        for (var node = mean.Length - 1; node >= 0; node--)
        {
            if (_splitFeature[node] < 0)
            {
                mean[node] = thresholdOrLeafValue[node];
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
            AddLeafContributions(path, uniqueDepth, _leafValue[node], phi);
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

    // The three path operations below are xgboost's, with every division by a small integer turned into a
    // multiplication by a precomputed reciprocal and the divisions by a fraction hoisted out of the loops:
    // a few ulps away from xgboost's float results (far inside the 1e-5 parity tolerance) and several times faster.
    private void ExtendPath(Span<TreeShapPathElement> path, int uniqueDepth, float zeroFraction, float oneFraction, int feature)
    {
        path[uniqueDepth].FeatureIndex = feature;
        path[uniqueDepth].ZeroFraction = zeroFraction;
        path[uniqueDepth].OneFraction = oneFraction;
        path[uniqueDepth].PathWeight = uniqueDepth == 0 ? 1f : 0f;
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
        if (oneFraction != 0f)
        {
            var inverseOne = 1f / oneFraction;
            for (var i = uniqueDepth - 1; i >= 0; i--)
            {
                var previous = path[i].PathWeight;
                path[i].PathWeight = nextOnePortion * (uniqueDepth + 1) * _reciprocal[i + 1] * inverseOne;
                nextOnePortion = previous - (path[i].PathWeight * zeroFraction * (uniqueDepth - i) * inverseDepth);
            }
        }
        else
        {
            var inverseZero = 1f / zeroFraction;
            for (var i = uniqueDepth - 1; i >= 0; i--)
            {
                path[i].PathWeight = path[i].PathWeight * (uniqueDepth + 1) * _reciprocal[uniqueDepth - i] * inverseZero;
            }
        }

        for (var i = pathIndex; i < uniqueDepth; i++)
        {
            path[i].FeatureIndex = path[i + 1].FeatureIndex;
            path[i].ZeroFraction = path[i + 1].ZeroFraction;
            path[i].OneFraction = path[i + 1].OneFraction;
        }
    }

    /// <summary>
    /// For every feature on the path to a leaf, xgboost's UnwoundPathSum (the weight of the paths that
    /// exclude the feature) times its one/zero fraction difference times the leaf value.
    /// Two rewrites of the same arithmetic make this the fast part of TreeSHAP: for a feature the row
    /// does not follow (one fraction 0) the sum is the same for every such feature up to a factor, so it
    /// is computed once; the sums of the features the row follows are independent serial chains, so they
    /// advance side by side, one path position at a time, overlapping their latencies.
    /// </summary>
    private void AddLeafContributions(ReadOnlySpan<TreeShapPathElement> path, int uniqueDepth, float leaf, Span<float> phi)
    {
        if (uniqueDepth == 0)
        {
            return;
        }

        var coldSum = 0f;
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            coldSum += path[i].PathWeight * _reciprocal[uniqueDepth - i];
        }

        coldSum *= uniqueDepth + 1;

        Span<float> scratch = stackalloc float[4 * uniqueDepth];
        Span<int> hotElements = stackalloc int[uniqueDepth];
        var hotCount = 0;
        for (var p = 1; p <= uniqueDepth; p++)
        {
            if (path[p].OneFraction != 0f)
            {
                hotElements[hotCount++] = p;
            }
        }

        var next = scratch[..hotCount];
        var total = scratch.Slice(uniqueDepth, hotCount);
        var scale = scratch.Slice(2 * uniqueDepth, hotCount);
        var zero = scratch.Slice(3 * uniqueDepth, hotCount);
        var deepest = path[uniqueDepth].PathWeight;
        for (var h = 0; h < hotCount; h++)
        {
            ref readonly var element = ref path[hotElements[h]];
            next[h] = deepest;
            scale[h] = (uniqueDepth + 1) / element.OneFraction;
            zero[h] = element.ZeroFraction;
        }

        var inverseDepth = _reciprocal[uniqueDepth + 1];
        for (var i = uniqueDepth - 1; i >= 0 && hotCount > 0; i--)
        {
            var weight = path[i].PathWeight;
            var inverseRank = _reciprocal[i + 1];
            var share = (uniqueDepth - i) * inverseDepth;
            for (var h = 0; h < next.Length; h++)
            {
                var portion = next[h] * scale[h] * inverseRank;
                total[h] += portion;
                next[h] = weight - (portion * zero[h] * share);
            }
        }

        for (var h = 0; h < hotCount; h++)
        {
            ref readonly var element = ref path[hotElements[h]];
            phi[element.FeatureIndex] += total[h] * (element.OneFraction - element.ZeroFraction) * leaf;
        }

        for (var p = 1; p <= uniqueDepth; p++)
        {
            ref readonly var element = ref path[p];
            if (element.OneFraction == 0f && element.ZeroFraction != 0f)
            {
                phi[element.FeatureIndex] += coldSum / element.ZeroFraction * (element.OneFraction - element.ZeroFraction) * leaf;
            }
        }
    }
}
