namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>The splits of Linear TreeSHAP's passes, laid out at load (see the remarks on the Shap part of this class).</summary>
internal sealed partial class TreeEnsemble
{
    /// <summary>Whether a run's splits split on a feature an ancestor split on, so each run's loop is compiled without the other's work.</summary>
    private interface IShapSplitKind
    {
        static abstract bool Repeated { get; }
    }

    /// <summary>
    /// One split, its <see cref="Parent"/> and its two edges, to <see cref="Node"/> + 1 and to <see cref="Right"/> (node
    /// indices minus the tree's root; the root's parent is the tree's node count, a slot that holds ones). Each edge's
    /// zero fraction is combined with that of the nearest edge above on the same feature, <see cref="Ancestor"/> (0
    /// when there is none; both edges share it).
    /// </summary>
    private readonly record struct ShapSplit(int Node, int Parent, int Right, int Feature, int Ancestor, double LeftZero, double RightZero);

    /// <summary>Splits <see cref="Start"/> to <see cref="End"/>, each after its parent, all <see cref="Repeated"/> or none.</summary>
    private readonly record struct ShapRun(int Start, int End, bool Repeated);

    private readonly struct FirstSplitOnFeature : IShapSplitKind
    {
        public static bool Repeated => false;
    }

    private readonly struct RepeatedSplit : IShapSplitKind
    {
        public static bool Repeated => true;
    }
}
