using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>The working memory of TreeSHAP's passes (see the remarks on the Shap part of this class).</summary>
internal sealed partial class TreeEnsemble
{
    /// <summary>
    /// One thread's working memory for TreeSHAP, kept between rows: a pinned buffer whose vector sections start on
    /// 64-byte boundaries, so no vector load straddles two cache lines. It grows to the largest model the thread
    /// explained (a 255-leaf tree on 16 features: about 110 KB).
    /// </summary>
    private sealed class ShapScratch
    {
        private const int Lanes = MostPointsInOneVector;
        private const int AlignmentBytes = Lanes * sizeof(double);

        private readonly double[] _buffer;
        private readonly int _narrowShares;
        private readonly int _wideShares;
        private readonly int _nodes;
        private readonly int _inverse;
        private readonly int _one;
        private readonly int _coefficient;
        private readonly int _zero;
        private readonly int _values;
        private readonly int _featureCount;
        private readonly int _treeNodes;

        private ShapScratch(int featureCount, int treeNodes)
        {
            (_featureCount, _treeNodes) = (featureCount, treeNodes);
            var vectorsLength = Lanes * ((featureCount * 2) + (treeNodes * 3));
            var length = vectorsLength + (3 * treeNodes) + featureCount;
            _buffer = GC.AllocateUninitializedArray<double>(length + Lanes, pinned: true);
            var misalignment = (int)(Marshal.UnsafeAddrOfPinnedArrayElement(_buffer, 0) % AlignmentBytes);
            _narrowShares = misalignment == 0 ? 0 : (AlignmentBytes - misalignment) / sizeof(double);
            _wideShares = _narrowShares + (Lanes * featureCount);
            _nodes = _wideShares + (Lanes * featureCount);
            _inverse = _nodes + (2 * Lanes * treeNodes);
            _one = _inverse + (Lanes * treeNodes);
            _coefficient = _one + treeNodes;
            _zero = _coefficient + treeNodes;
            _values = _zero + treeNodes;
        }

        /// <summary>The feature shares in lanes of four points (one vector per feature).</summary>
        public Span<double> NarrowShares => _buffer.AsSpan(_narrowShares, 4 * _featureCount);

        /// <summary>The feature shares in lanes of eight points.</summary>
        public Span<double> WideShares => _buffer.AsSpan(_wideShares, Lanes * _featureCount);

        /// <summary>Per node of a tree, P and then D, a vector each.</summary>
        public ref double Nodes => ref Element(_nodes);

        /// <summary>Per split that repeats a feature above it, 1/F of that feature's edge above, a vector.</summary>
        public ref double Inverse => ref Element(_inverse);

        /// <summary>Per edge (by its child), its one fraction (combined with the edges above on its feature).</summary>
        public ref double One => ref Element(_one);

        /// <summary>Per edge (by its child), o − z.</summary>
        public ref double Coefficient => ref Element(_coefficient);

        /// <summary>Per edge (by its child), its zero fraction (combined with the edges above on its feature).</summary>
        public ref double Zero => ref Element(_zero);

        public static ShapScratch For(ref ShapScratch? cached, int featureCount, int treeNodes)
        {
            if (cached is null || cached._featureCount < featureCount || cached._treeNodes < treeNodes)
            {
                cached = new ShapScratch(Math.Max(featureCount, cached?._featureCount ?? 0), Math.Max(treeNodes, cached?._treeNodes ?? 0));
            }

            return cached;
        }

        /// <summary>The row's values, as the trees compare them.</summary>
        public Span<double> Values(int featureCount) => _buffer.AsSpan(_values, featureCount);

        public void ClearShares() => _buffer.AsSpan(_narrowShares, 2 * Lanes * _featureCount).Clear();

        private ref double Element(int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), index);
    }
}
