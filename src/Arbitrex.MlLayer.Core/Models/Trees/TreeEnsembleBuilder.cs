namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>
/// Checks each tree a reader found and lays it out in pre-order (left subtree first) for <see cref="TreeEnsemble"/>.
/// </summary>
internal sealed class TreeEnsembleBuilder(int featureCount, RowConversion conversion)
{
    /// <summary>
    /// Deepest tree accepted. TreeSHAP's path grows with the depth, so an unbounded depth could exhaust the
    /// stack during the registration smoke test; xgboost's depthwise growth stops at 30, and a LightGBM
    /// model of 255 leaves is typically 15–25 deep.
    /// </summary>
    public const int MaxTreeDepth = 64;

    private readonly List<int> _roots = [];
    private readonly List<int> _depths = [];
    private readonly List<int> _splitFeature = [];
    private readonly List<double> _threshold = [];
    private readonly List<SplitMissingType> _missingType = [];
    private readonly List<bool> _defaultLeft = [];
    private readonly List<int> _rightChild = [];
    private readonly List<double> _leafValue = [];
    private readonly List<double> _cover = [];

    public int TreeCount => _roots.Count;

    /// <summary>Appends the nodes reachable from the root and returns the tree's depth.</summary>
    /// <exception cref="TreeStructureException">The tree is malformed or too deep.</exception>
    public int AddTree(SourceTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var treeIndex = _roots.Count;
        var nodeCount = tree.Left.Length;
        if (nodeCount < 1)
        {
            throw new TreeStructureException($"tree {treeIndex} has no nodes");
        }

        var first = _splitFeature.Count;
        var newIndex = new int[nodeCount];
        Array.Fill(newIndex, -1);
        var maxDepth = 0;
        var pending = new Stack<(int Node, int Depth)>();
        pending.Push((0, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (newIndex[node] != -1)
            {
                throw new TreeStructureException($"tree {treeIndex} reaches node {node} twice");
            }

            newIndex[node] = _splitFeature.Count;
            maxDepth = Math.Max(maxDepth, depth);
            var isLeaf = tree.Left[node] == -1;
            if (isLeaf != (tree.Right[node] == -1))
            {
                throw new TreeStructureException($"tree {treeIndex} node {node} has only one child");
            }

            if (!double.IsFinite(tree.Cover[node]) || (isLeaf ? !double.IsFinite(tree.Value[node]) : double.IsNaN(tree.Threshold[node])))
            {
                throw new TreeStructureException($"tree {treeIndex} node {node} has a NaN threshold, or a non-finite leaf value or cover");
            }

            if (!(tree.Cover[node] > 0))
            {
                throw new TreeStructureException($"tree {treeIndex} node {node} has zero cover (TreeSHAP weighs each branch by its cover)");
            }

            if (isLeaf)
            {
                AddNode(-1, double.NaN, SplitMissingType.None, false, tree.Value[node], tree.Cover[node]);
                continue;
            }

            if (tree.Left[node] <= 0 || tree.Left[node] >= nodeCount || tree.Right[node] <= 0 || tree.Right[node] >= nodeCount)
            {
                throw new TreeStructureException($"tree {treeIndex} node {node} points at a child outside the tree");
            }

            if (tree.Feature[node] < 0 || tree.Feature[node] >= featureCount)
            {
                throw new TreeStructureException($"tree {treeIndex} node {node} splits on feature {tree.Feature[node]} of {featureCount}");
            }

            if (depth + 1 > MaxTreeDepth)
            {
                throw new TreeStructureException($"tree {treeIndex} is deeper than {MaxTreeDepth} levels", tooDeep: true);
            }

            AddNode(tree.Feature[node], tree.Threshold[node], tree.MissingType[node], tree.DefaultLeft[node], 0, tree.Cover[node]);
            pending.Push((tree.Right[node], depth + 1));
            pending.Push((tree.Left[node], depth + 1));
        }

        for (var node = 0; node < nodeCount; node++)
        {
            var index = newIndex[node];
            if (index != -1 && tree.Left[node] != -1)
            {
                _rightChild[index] = newIndex[tree.Right[node]];
            }
        }

        _roots.Add(first);
        _depths.Add(maxDepth);
        return maxDepth;
    }

    /// <exception cref="TreeStructureException">No tree was added.</exception>
    public TreeEnsemble Build() =>
        _roots.Count == 0
            ? throw new TreeStructureException("the model has no trees")
            : new TreeEnsemble(
                featureCount, conversion, [.. _roots], [.. _depths], [.. _splitFeature], [.. _threshold], [.. _missingType],
                [.. _defaultLeft], [.. _rightChild], [.. _leafValue], [.. _cover]);

    private void AddNode(int feature, double threshold, SplitMissingType missingType, bool defaultLeft, double leafValue, double cover)
    {
        _splitFeature.Add(feature);
        _threshold.Add(threshold);
        _missingType.Add(missingType);
        _defaultLeft.Add(defaultLeft);
        _rightChild.Add(-1);
        _leafValue.Add(leafValue);
        _cover.Add(cover);
    }
}
