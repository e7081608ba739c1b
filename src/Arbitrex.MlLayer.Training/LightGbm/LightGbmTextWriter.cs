using System.Globalization;
using System.Text;

namespace Arbitrex.MlLayer.Training.LightGbm;

/// <summary>
/// Writes an <see cref="ExportedEnsemble"/> as a LightGBM text model (the <c>LGBM_BoosterSaveModel</c>
/// format, version v4) that gives Microsoft.ML's probability: <c>objective=binary sigmoid:&lt;-PlattSlope&gt;</c>,
/// numerical splits only, thresholds from <see cref="FloatSplitThreshold"/>, and every split of
/// <c>decision_type=8</c> (missing type NaN, default right), because Microsoft.ML sends a NaN right.
/// Node counts (<c>leaf_count</c>, <c>internal_count</c>, which TreeSHAP weighs by) come from routing the
/// training rows through each tree; <c>internal_value</c> is the count-weighted mean of the leaves below.
/// </summary>
public static class LightGbmTextWriter
{
    /// <summary>LightGBM's decision_type bits: 0 numerical, bit 1 default-left (off), bits 2–3 missing type 2 = NaN.</summary>
    public const int NumericalNanGoesRight = 2 << 2;

    /// <param name="ensemble">The trained ensemble.</param>
    /// <param name="featureNames">The names of the feature vector's slots, in order.</param>
    /// <param name="trainingRows">The training rows as 32-bit features (for node counts and <c>feature_infos</c>).</param>
    /// <param name="shrinkage">The learning rate, written as each trained tree's <c>shrinkage</c> (its leaves already include it).</param>
    /// <exception cref="ArgumentException">The ensemble cannot be a LightGBM binary model (a non-negative slope, a feature index out of range).</exception>
    public static string Write(ExportedEnsemble ensemble, IReadOnlyList<string> featureNames, IReadOnlyList<float[]> trainingRows, double shrinkage)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(trainingRows);
        if (ensemble.Trees.Count == 0)
        {
            throw new ArgumentException("The ensemble has no trees.", nameof(ensemble));
        }

        // LightGBM's binary objective is p = 1 / (1 + exp(-sigmoid · raw)); Platt's is 1 / (1 + exp(slope · score + offset)).
        var sigmoid = -ensemble.PlattSlope;
        if (!(sigmoid > 0) || !double.IsFinite(sigmoid))
        {
            throw new ArgumentException($"A Platt slope of {ensemble.PlattSlope} has no LightGBM sigmoid (it must be negative).", nameof(ensemble));
        }

        // slope · score + offset = -sigmoid · (score + offset / slope): the offset and the ensemble's bias become a constant
        // added to the raw score. LightGBM's text has no bias field, so the constant is folded into the first tree's leaves
        // (every row reaches exactly one of them).
        var constant = ensemble.Bias + (ensemble.PlattOffset / ensemble.PlattSlope);

        var text = new StringBuilder();
        text.Append("tree\n");
        text.Append("version=v4\n");
        text.Append("num_class=1\n");
        text.Append("num_tree_per_iteration=1\n");
        text.Append("label_index=0\n");
        text.Append(CultureInfo.InvariantCulture, $"max_feature_idx={featureNames.Count - 1}\n");
        text.Append(CultureInfo.InvariantCulture, $"objective=binary sigmoid:{Number(sigmoid)}\n");
        text.Append("feature_names=").AppendJoin(' ', featureNames).Append('\n');
        text.Append("feature_infos=").AppendJoin(' ', FeatureInfos(featureNames.Count, trainingRows)).Append("\n\n");

        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            var weight = ensemble.TreeWeights[t];
            var leaves = tree.LeafValues.Select(v => (weight * v) + (t == 0 ? constant : 0.0)).ToArray();
            WriteTree(text, t, tree, leaves, featureNames.Count, trainingRows, shrinkage);
        }

        text.Append("end of trees\n\n");
        text.Append("feature_importances:\n");
        foreach (var (name, splits) in SplitCounts(ensemble, featureNames).Where(c => c.Splits > 0).OrderByDescending(c => c.Splits))
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}={splits}\n");
        }

        text.Append("\nparameters:\n");
        text.Append("[boosting: gbdt]\n");
        text.Append("[objective: binary]\n");
        text.Append(CultureInfo.InvariantCulture, $"[learning_rate: {Number(shrinkage)}]\n");
        text.Append(CultureInfo.InvariantCulture, $"[sigmoid: {Number(sigmoid)}]\n");
        text.Append("end of parameters\n\n");
        text.Append("pandas_categorical:null\n");
        return text.ToString();
    }

    private static void WriteTree(
        StringBuilder text, int index, ExportedTree tree, double[] leaves, int featureCount, IReadOnlyList<float[]> rows, double shrinkage)
    {
        var nodes = tree.SplitFeatures.Count;
        if (nodes != leaves.Length - 1 || tree.Thresholds.Count != nodes || tree.LeftChild.Count != nodes || tree.RightChild.Count != nodes)
        {
            throw new ArgumentException($"Tree {index} is malformed: {nodes} splits for {leaves.Length} leaves.", nameof(tree));
        }

        if (tree.SplitFeatures.FirstOrDefault(f => f < 0 || f >= featureCount, -1) is var bad and >= 0)
        {
            throw new ArgumentException($"Tree {index} splits on feature {bad}; the model has {featureCount}.", nameof(tree));
        }

        var leafCount = new long[leaves.Length];
        var internalCount = new long[nodes];
        foreach (var row in rows)
        {
            var node = 0;
            while (node >= 0)
            {
                internalCount[node]++;
                node = row[tree.SplitFeatures[node]] <= tree.Thresholds[node] ? tree.LeftChild[node] : tree.RightChild[node];
            }

            leafCount[~node]++;
        }

        var internalValue = new double[nodes];
        for (var n = 0; n < nodes; n++)
        {
            internalValue[n] = MeanBelow(tree, n, leaves, leafCount);
        }

        text.Append(CultureInfo.InvariantCulture, $"Tree={index}\n");
        text.Append(CultureInfo.InvariantCulture, $"num_leaves={leaves.Length}\n");
        text.Append("num_cat=0\n");
        text.Append("split_feature=").AppendJoin(' ', tree.SplitFeatures).Append('\n');
        text.Append("split_gain=").AppendJoin(' ', tree.SplitGains.Select(Number)).Append('\n');
        text.Append("threshold=").AppendJoin(' ', tree.Thresholds.Select(t => Number(FloatSplitThreshold.ToDouble(t)))).Append('\n');
        text.Append("decision_type=").AppendJoin(' ', Enumerable.Repeat(NumericalNanGoesRight, nodes)).Append('\n');
        text.Append("left_child=").AppendJoin(' ', tree.LeftChild).Append('\n');
        text.Append("right_child=").AppendJoin(' ', tree.RightChild).Append('\n');
        text.Append("leaf_value=").AppendJoin(' ', leaves.Select(Number)).Append('\n');
        text.Append("leaf_count=").AppendJoin(' ', leafCount).Append('\n');
        text.Append("internal_value=").AppendJoin(' ', internalValue.Select(Number)).Append('\n');
        text.Append("internal_count=").AppendJoin(' ', internalCount).Append('\n');
        text.Append("is_linear=0\n");
        text.Append(CultureInfo.InvariantCulture, $"shrinkage={Number(shrinkage)}\n");
        text.Append("\n\n");
    }

    private static double MeanBelow(ExportedTree tree, int node, double[] leaves, long[] leafCount)
    {
        double weighted = 0;
        long count = 0;
        var pending = new Stack<int>();
        pending.Push(node);
        while (pending.TryPop(out var current))
        {
            if (current < 0)
            {
                weighted += leaves[~current] * leafCount[~current];
                count += leafCount[~current];
                continue;
            }

            pending.Push(tree.LeftChild[current]);
            pending.Push(tree.RightChild[current]);
        }

        return count == 0 ? 0.0 : weighted / count;
    }

    private static IEnumerable<string> FeatureInfos(int featureCount, IReadOnlyList<float[]> rows)
    {
        for (var f = 0; f < featureCount; f++)
        {
            var min = float.PositiveInfinity;
            var max = float.NegativeInfinity;
            foreach (var row in rows)
            {
                min = Math.Min(min, row[f]);
                max = Math.Max(max, row[f]);
            }

            // LightGBM writes "none" for a feature it cannot split on (one value only).
            yield return min < max ? $"[{Number(min)}:{Number(max)}]" : "none";
        }
    }

    private static IEnumerable<(string Name, int Splits)> SplitCounts(ExportedEnsemble ensemble, IReadOnlyList<string> featureNames) =>
        featureNames.Select((name, f) => (name, ensemble.Trees.Sum(t => t.SplitFeatures.Count(s => s == f))));

    // The shortest text that parses back to the same double, with a lower-case exponent as LightGBM's %.17g writes it.
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
}
