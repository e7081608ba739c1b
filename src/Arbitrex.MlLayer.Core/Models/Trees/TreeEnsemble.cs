using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>
/// The trees of one binary model, XGBoost's or LightGBM's, as flat arrays (struct of arrays over every node
/// of every tree), evaluated in double precision. Each tree is stored in pre-order, so a split's left child is
/// the next node and only the right child needs an index. A split sends a value left when
/// <c>value &lt;= threshold</c>, after its missing-value rule (<see cref="SplitMissingType"/>), exactly as
/// LightGBM's <c>Tree::NumericalDecision</c>; an XGBoost reader states its <c>value &lt; condition</c> splits
/// over single-precision values the same way (threshold = the float below the condition).
/// </summary>
/// <remarks>
/// Prediction walks each tree for exactly its depth in steps, without a branch per node: a leaf is made to
/// lead to itself (threshold NaN sends every value right, its right child is itself), so the walk needs no
/// leaf test, and eight trees (one row) or four rows (one tree) walk side by side to overlap their memory
/// latencies. TreeSHAP lives in the other part of this class.
/// </remarks>
// Over 300 lines on purpose: the flat node layout and its evaluator are one definition (TreeSHAP lives in the
// TreeEnsemble.Shap*.cs parts).
internal sealed partial class TreeEnsemble
{
    public const int BlockRows = 64;

    /// <summary>LightGBM's kZeroThreshold: the float 1e-35f, compared in double.</summary>
    public const double ZeroThreshold = 1e-35f;

    private const int StackallocLimit = 512;
    private const int Lanes = 4;
    private const int TreeLanes = 8;
    private const int NaNGoesLeftBit = 1;
    private const int ZeroIsMissingBit = 2;
    private const int DefaultLeftBit = 4;
    private const int FlagBits = 3;

    private readonly RowConversion _conversion;
    private readonly bool _anyZeroAsMissing;
    private readonly int[] _treeRoots;
    private readonly int[] _treeDepth;
    private readonly int[] _treeGroupDepth;

    // Walk arrays (leaves lead to themselves). _walkRightAndFlags packs the right child's index (bits 3..31)
    // with where NaN goes (bit 0), whether zero takes the default direction (bit 1) and that direction (bit 2).
    private readonly int[] _walkFeature;
    private readonly double[] _walkThreshold;
    private readonly int[] _walkRightAndFlags;

    // Tree structure for TreeSHAP (leaves have split feature -1).
    private readonly int[] _splitFeature;
    private readonly int[] _rightChild;
    private readonly double[] _leafValue;
    private readonly double[] _cover;

    public TreeEnsemble(
        int featureCount, RowConversion conversion, int[] treeRoots, int[] treeDepth, int[] splitFeature, double[] threshold,
        SplitMissingType[] missingType, bool[] defaultLeft, int[] rightChild, double[] leafValue, double[] cover)
    {
        FeatureCount = featureCount;
        _conversion = conversion;
        _treeRoots = treeRoots;
        _treeDepth = treeDepth;
        _splitFeature = splitFeature;
        _leafValue = leafValue;
        _cover = cover;
        var nodeCount = splitFeature.Length;
        _walkFeature = new int[nodeCount];
        _walkThreshold = new double[nodeCount];
        _walkRightAndFlags = new int[nodeCount];
        _rightChild = new int[nodeCount];
        for (var node = 0; node < nodeCount; node++)
        {
            var isLeaf = splitFeature[node] < 0;
            _walkFeature[node] = isLeaf ? 0 : splitFeature[node];
            _walkThreshold[node] = isLeaf ? double.NaN : threshold[node];
            _rightChild[node] = isLeaf ? node : rightChild[node];
            var flags = isLeaf ? 0 : Flags(missingType[node], defaultLeft[node], threshold[node]);
            _anyZeroAsMissing |= (flags & ZeroIsMissingBit) != 0;
            _walkRightAndFlags[node] = (_rightChild[node] << FlagBits) | flags;
        }

        _treeGroupDepth = new int[treeRoots.Length / TreeLanes];
        for (var group = 0; group < _treeGroupDepth.Length; group++)
        {
            _treeGroupDepth[group] = treeDepth.AsSpan(group * TreeLanes, TreeLanes).ToArray().Max();
        }

        MaxDepth = treeDepth.Max();
        InitializeShap();
    }

    public int FeatureCount { get; }

    public int TreeCount => _treeRoots.Length;

    public int NodeCount => _splitFeature.Length;

    public int MaxDepth { get; }

    // The structure as the reference TreeSHAP (Algorithm 2) in the tests and benchmarks reads it.
    internal ReadOnlySpan<int> TreeRoots => _treeRoots;

    internal ReadOnlySpan<int> SplitFeatures => _splitFeature;

    internal ReadOnlySpan<int> RightChildren => _rightChild;

    internal ReadOnlySpan<double> LeafValues => _leafValue;

    internal ReadOnlySpan<double> Covers => _cover;

    // The walk arrays, for the benchmarks' earlier TreeSHAP implementations.
    internal ReadOnlySpan<int> WalkFeatures => _walkFeature;

    internal ReadOnlySpan<double> WalkThresholds => _walkThreshold;

    internal ReadOnlySpan<int> WalkRightAndFlags => _walkRightAndFlags;

    internal int ChildFor(int node, double value) => NextNode(node, value);

    internal void ConvertRow(ReadOnlySpan<double> row, Span<double> values) => Convert(row, values);

    /// <summary><paramref name="initial"/> plus every tree's leaf, accumulated tree by tree.</summary>
    public double Margin(ReadOnlySpan<double> row, double initial)
    {
        double[]? rented = null;
        try
        {
            var values = FeatureCount <= StackallocLimit
                ? stackalloc double[FeatureCount]
                : (rented = ArrayPool<double>.Shared.Rent(FeatureCount)).AsSpan(0, FeatureCount);
            var anyMissing = Convert(row, values);
            ref var first = ref MemoryMarshal.GetReference(values);
            return _anyZeroAsMissing ? Margin<ZeroAsMissingValues>(ref first, initial)
                : anyMissing ? Margin<MissingValues>(ref first, initial)
                : Margin<NoMissingValues>(ref first, initial);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Margins of a row-major block of at most <see cref="BlockRows"/> rows; trees outermost so each tree stays in cache.</summary>
    public void Margins(ReadOnlySpan<double> rows, int rowCount, double initial, Span<double> margins)
    {
        var valueCount = rowCount * FeatureCount;
        var values = ArrayPool<double>.Shared.Rent(valueCount);
        try
        {
            margins[..rowCount].Fill(initial);
            var anyMissing = Convert(rows[..valueCount], values.AsSpan(0, valueCount));
            ref var first = ref MemoryMarshal.GetArrayDataReference(values);
            if (_anyZeroAsMissing)
            {
                AddLeaves<ZeroAsMissingValues>(rowCount, ref first, margins);
            }
            else if (anyMissing)
            {
                AddLeaves<MissingValues>(rowCount, ref first, margins);
            }
            else
            {
                AddLeaves<NoMissingValues>(rowCount, ref first, margins);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
        }
    }

    private static int Flags(SplitMissingType missingType, bool defaultLeft, double threshold) => missingType switch
    {
        SplitMissingType.NaN => defaultLeft ? NaNGoesLeftBit | DefaultLeftBit : 0,
        SplitMissingType.Zero => ZeroIsMissingBit | (defaultLeft ? NaNGoesLeftBit | DefaultLeftBit : 0),

        // Missing type None compares NaN as 0.
        _ => 0 <= threshold ? NaNGoesLeftBit : 0,
    };

    private void AddLeaves<TMissing>(int rowCount, ref double first, Span<double> margins)
        where TMissing : struct, IMissingValuePolicy
    {
        ref var feature = ref MemoryMarshal.GetArrayDataReference(_walkFeature);
        ref var threshold = ref MemoryMarshal.GetArrayDataReference(_walkThreshold);
        ref var packed = ref MemoryMarshal.GetArrayDataReference(_walkRightAndFlags);
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
                    n0 = Step<TMissing>(n0, ref row0, ref feature, ref threshold, ref packed);
                    n1 = Step<TMissing>(n1, ref row1, ref feature, ref threshold, ref packed);
                    n2 = Step<TMissing>(n2, ref row2, ref feature, ref threshold, ref packed);
                    n3 = Step<TMissing>(n3, ref row3, ref feature, ref threshold, ref packed);
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
                    node = Step<TMissing>(node, ref row, ref feature, ref threshold, ref packed);
                }

                margins[r] += _leafValue[node];
            }
        }
    }

    private double Margin<TMissing>(ref double values, double initial)
        where TMissing : struct, IMissingValuePolicy
    {
        ref var feature = ref MemoryMarshal.GetArrayDataReference(_walkFeature);
        ref var threshold = ref MemoryMarshal.GetArrayDataReference(_walkThreshold);
        ref var packed = ref MemoryMarshal.GetArrayDataReference(_walkRightAndFlags);
        var margin = initial;
        var t = 0;
        for (var group = 0; group < _treeGroupDepth.Length; group++, t += TreeLanes)
        {
            nint n0 = _treeRoots[t], n1 = _treeRoots[t + 1], n2 = _treeRoots[t + 2], n3 = _treeRoots[t + 3];
            nint n4 = _treeRoots[t + 4], n5 = _treeRoots[t + 5], n6 = _treeRoots[t + 6], n7 = _treeRoots[t + 7];
            for (var step = _treeGroupDepth[group]; step > 0; step--)
            {
                n0 = Step<TMissing>(n0, ref values, ref feature, ref threshold, ref packed);
                n1 = Step<TMissing>(n1, ref values, ref feature, ref threshold, ref packed);
                n2 = Step<TMissing>(n2, ref values, ref feature, ref threshold, ref packed);
                n3 = Step<TMissing>(n3, ref values, ref feature, ref threshold, ref packed);
                n4 = Step<TMissing>(n4, ref values, ref feature, ref threshold, ref packed);
                n5 = Step<TMissing>(n5, ref values, ref feature, ref threshold, ref packed);
                n6 = Step<TMissing>(n6, ref values, ref feature, ref threshold, ref packed);
                n7 = Step<TMissing>(n7, ref values, ref feature, ref threshold, ref packed);
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
                node = Step<TMissing>(node, ref values, ref feature, ref threshold, ref packed);
            }

            margin += _leafValue[node];
        }

        return margin;
    }

    // One level down, without branches. The builder proved every child index lies inside the ensemble and
    // every split feature below FeatureCount, so the accesses skip bounds checks.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static nint Step<TMissing>(nint node, ref double values, ref int feature, ref double threshold, ref int rightAndFlags)
        where TMissing : struct, IMissingValuePolicy
    {
        var value = Unsafe.Add(ref values, (nint)(uint)Unsafe.Add(ref feature, node));
        nint packed = Unsafe.Add(ref rightAndFlags, node);
        var goesLeft = GoesLeft<TMissing>(value, Unsafe.Add(ref threshold, node), packed);
        var rightChild = packed >> FlagBits;
        return rightChild + ((node + 1 - rightChild) & -goesLeft);
    }

    /// <summary>1 when a split sends <paramref name="value"/> left, else 0, without branches.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint GoesLeft<TMissing>(double value, double threshold, nint packed)
        where TMissing : struct, IMissingValuePolicy
    {
        nint goesLeft = Unsafe.BitCast<bool, byte>(value <= threshold);
        if (TMissing.NaNPossible)
        {
            // NaN compares false, so only a NaN that goes left needs turning.
            goesLeft |= Unsafe.BitCast<bool, byte>(double.IsNaN(value)) & packed;
        }

        if (TMissing.ZeroAsMissingPossible)
        {
            nint zeroIsDefault = Unsafe.BitCast<bool, byte>(Math.Abs(value) <= ZeroThreshold) & (packed >> 1);
            goesLeft ^= zeroIsDefault & (goesLeft ^ (packed >> 2));
        }

        return goesLeft;
    }

    /// <summary>The child a value leads to: the same decision as <see cref="Step"/>, with branches.</summary>
    private int NextNode(int node, double value)
    {
        var packed = _walkRightAndFlags[node];
        var goesLeft = double.IsNaN(value) ? (packed & NaNGoesLeftBit) != 0
            : (packed & ZeroIsMissingBit) != 0 && Math.Abs(value) <= ZeroThreshold ? (packed & DefaultLeftBit) != 0
            : value <= _walkThreshold[node];
        return goesLeft ? node + 1 : _rightChild[node];
    }

    // Prepares the values as the training library compares them. Returns whether any is NaN, so rows
    // without one can skip the missing-value select.
    private bool Convert(ReadOnlySpan<double> source, Span<double> destination)
    {
        var anyMissing = false;
        for (var i = 0; i < source.Length; i++)
        {
            var value = source[i];
            anyMissing |= double.IsNaN(value);
            destination[i] = _conversion == RowConversion.ToSingle ? (float)value
                : Math.Abs(value) <= ZeroThreshold ? 0d
                : value;
        }

        return anyMissing;
    }
}
