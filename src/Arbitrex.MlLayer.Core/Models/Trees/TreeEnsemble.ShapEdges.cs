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
    /// One edge, from <see cref="Parent"/> to <see cref="Child"/> (node indices minus the tree's root), splitting on
    /// <see cref="Feature"/>; <see cref="Zero"/> is its zero fraction combined with the nearest edge above on that
    /// feature, <see cref="Ancestor"/> (0 when there is none).
    /// </summary>
    private readonly record struct ShapEdge(int Child, int Parent, int Ancestor, int Feature, double Zero);

    /// <summary>Edges <see cref="Start"/> to <see cref="End"/> of one level, all of one kind (<see cref="RepeatedAbove"/> | <see cref="RepeatedBelow"/>).</summary>
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
