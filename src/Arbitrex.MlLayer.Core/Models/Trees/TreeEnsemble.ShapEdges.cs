namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>The edges of Linear TreeSHAP's passes, laid out at load (see the remarks on the Shap part of this class).</summary>
internal sealed partial class TreeEnsemble
{
    /// <summary>
    /// The kind of the edges in a run, so each run's loop is compiled without the branches of the others: whether
    /// the edge's feature is split on above it (<see cref="Above"/>) and below it (<see cref="Below"/>).
    /// </summary>
    private interface IShapEdgeKind
    {
        static abstract bool Above { get; }

        static abstract bool Below { get; }
    }

    /// <summary>
    /// One split and its two edges, to <see cref="Node"/> + 1 and to <see cref="Right"/> (node indices minus the
    /// tree's root). Each edge's zero fraction is combined with that of the nearest edge above on the same feature,
    /// its ancestor (0 when there is none).
    /// </summary>
    private readonly record struct ShapSplit(int Node, int Right, int Feature, int LeftAncestor, int RightAncestor, double LeftZero, double RightZero);

    /// <summary>
    /// Splits <see cref="Start"/> to <see cref="End"/> of one level, all of one kind: the left edge's
    /// <see cref="RepeatedAbove"/> | <see cref="RepeatedBelow"/> bits, then the right edge's shifted by two.
    /// </summary>
    private readonly record struct ShapRun(int Start, int End, byte Kind);

    private readonly struct PlainEdge : IShapEdgeKind
    {
        public static bool Above => false;

        public static bool Below => false;
    }

    private readonly struct EdgeRepeatedAbove : IShapEdgeKind
    {
        public static bool Above => true;

        public static bool Below => false;
    }

    private readonly struct EdgeRepeatedBelow : IShapEdgeKind
    {
        public static bool Above => false;

        public static bool Below => true;
    }

    private readonly struct EdgeRepeatedAboveAndBelow : IShapEdgeKind
    {
        public static bool Above => true;

        public static bool Below => true;
    }
}
