using System.Globalization;
using Arbitrex.MlLayer.Core.Models.Trees;

namespace Arbitrex.MlLayer.Core.Models.LightGbm;

/// <summary>
/// One <c>Tree=N</c> block in the ensemble's terms. LightGBM numbers its splits 0..num_leaves-2 and names a
/// leaf by <c>~leaf</c> in <c>left_child</c>/<c>right_child</c>; here leaf <c>k</c> becomes node
/// <c>num_leaves - 1 + k</c>. TreeSHAP's cover is LightGBM's own: <c>internal_count</c> and <c>leaf_count</c>.
/// </summary>
internal static class LightGbmTreeReader
{
    private const int CategoricalMask = 1;
    private const int DefaultLeftMask = 2;

    public static SourceTree Read(Dictionary<string, string> block, int treeIndex)
    {
        var where = $"tree {treeIndex}";
        var leafCount = LightGbmTextReader.Integer(block, "num_leaves", where);
        if (leafCount < 1)
        {
            throw LightGbmTextReader.Malformed($"{where} has no leaves");
        }

        if (block.TryGetValue("num_cat", out var categories) && categories != "0")
        {
            throw new ModelArtifactException<LightGbmModelRefusal>(
                LightGbmModelRefusal.CategoricalSplits,
                $"Tree {treeIndex} has categorical splits (num_cat={categories}); only numerical splits are supported.");
        }

        if (block.TryGetValue("is_linear", out var linear) && linear != "0")
        {
            throw new ModelArtifactException<LightGbmModelRefusal>(
                LightGbmModelRefusal.LinearTrees,
                $"Tree {treeIndex} is a linear tree (is_linear={linear}); only trees with constant leaves are supported.");
        }

        var splitCount = leafCount - 1;
        var leafValue = Doubles(block, "leaf_value", leafCount, where);
        var leafData = Doubles(block, "leaf_count", leafCount, where, optional: leafCount == 1);
        var nodeCount = splitCount + leafCount;
        var left = new int[nodeCount];
        var right = new int[nodeCount];
        var feature = new int[nodeCount];
        var threshold = new double[nodeCount];
        var missingType = new SplitMissingType[nodeCount];
        var defaultLeft = new bool[nodeCount];
        var value = new double[nodeCount];
        var cover = new double[nodeCount];
        for (var leaf = 0; leaf < leafCount; leaf++)
        {
            var node = splitCount + leaf;
            left[node] = -1;
            right[node] = -1;
            value[node] = leafValue[leaf];
            // A single leaf's count weighs nothing (and may be 0 in a tree that found no split).
            cover[node] = leafCount == 1 ? 1 : leafData[leaf];
        }

        if (splitCount == 0)
        {
            return new SourceTree(left, right, feature, threshold, missingType, defaultLeft, value, cover);
        }

        var splitFeature = Integers(block, "split_feature", splitCount, where);
        var splitThreshold = Doubles(block, "threshold", splitCount, where);
        var decisionType = Integers(block, "decision_type", splitCount, where);
        var leftChild = Integers(block, "left_child", splitCount, where);
        var rightChild = Integers(block, "right_child", splitCount, where);
        var internalCount = Doubles(block, "internal_count", splitCount, where);
        for (var node = 0; node < splitCount; node++)
        {
            var decision = decisionType[node];
            if ((decision & CategoricalMask) != 0)
            {
                throw new ModelArtifactException<LightGbmModelRefusal>(
                    LightGbmModelRefusal.CategoricalSplits,
                    $"Tree {treeIndex} node {node} is a categorical split; only numerical splits are supported.");
            }

            var missing = (decision >> 2) & 3;
            if (missing > (int)SplitMissingType.NaN || decision > 15)
            {
                throw LightGbmTextReader.Malformed($"{where} node {node} has the unknown decision_type {decision}");
            }

            left[node] = Child(leftChild[node], splitCount, leafCount, where);
            right[node] = Child(rightChild[node], splitCount, leafCount, where);
            feature[node] = splitFeature[node];
            threshold[node] = splitThreshold[node];
            missingType[node] = (SplitMissingType)missing;
            defaultLeft[node] = (decision & DefaultLeftMask) != 0;
            cover[node] = internalCount[node];
        }

        return new SourceTree(left, right, feature, threshold, missingType, defaultLeft, value, cover);
    }

    private static int Child(int child, int splitCount, int leafCount, string where) =>
        child >= 0
            ? (child < splitCount ? child : throw LightGbmTextReader.Malformed($"{where} points at split {child} of {splitCount}"))
            : (~child < leafCount ? splitCount + ~child : throw LightGbmTextReader.Malformed($"{where} points at leaf {~child} of {leafCount}"));

    private static int[] Integers(Dictionary<string, string> block, string key, int count, string where)
    {
        var items = Items(block, key, count, where);
        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (!int.TryParse(items[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
            {
                throw LightGbmTextReader.Malformed($"{where} {key}[{i}] '{items[i]}' is not an integer");
            }
        }

        return values;
    }

    private static double[] Doubles(Dictionary<string, string> block, string key, int count, string where, bool optional = false)
    {
        if (optional && !block.ContainsKey(key))
        {
            return [];
        }

        var items = Items(block, key, count, where);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (!LightGbmNumbers.TryParseDouble(items[i], out values[i]))
            {
                throw LightGbmTextReader.Malformed($"{where} {key}[{i}] '{items[i]}' is not a number");
            }
        }

        return values;
    }

    private static string[] Items(Dictionary<string, string> block, string key, int count, string where)
    {
        var items = LightGbmTextReader.Field(block, key, where).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return items.Length == count
            ? items
            : throw LightGbmTextReader.Malformed($"{where} has {items.Length} {key} values where {count} are expected");
    }
}
