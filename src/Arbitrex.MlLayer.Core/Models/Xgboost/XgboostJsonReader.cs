using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Core.Models.Trees;
using System.Globalization;
using System.Text.Json;

namespace Arbitrex.MlLayer.Core.Models.Xgboost;

/// <summary>
/// Reads the JSON that <c>Booster.save_model("m.json")</c> writes (format of xgboost 1.x, checked
/// against 1.7.4) and refuses, with the reason, anything it cannot evaluate exactly.
/// </summary>
// Over 300 lines on purpose: one pass over the xgboost JSON format, with a refusal naming the reason for each thing
// it does not support; the checks read best beside the fields they check.
internal static class XgboostJsonReader
{
    private const string SupportedObjective = "binary:logistic";

    /// <summary>
    /// Deepest tree accepted. xgboost's depthwise growth stops at max_depth 30; only lossguide can grow
    /// deeper. TreeSHAP recurses once per level and its path grows with the square of the depth, so an
    /// unbounded depth could overflow the stack during the registration smoke test and kill the process.
    /// </summary>
    public const int MaxTreeDepth = TreeEnsembleBuilder.MaxTreeDepth;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public static XgboostModel Read(ReadOnlySpan<byte> utf8Json)
    {
        byte[]? quoted = null;
        XgboostTreeArray? trees;
        try
        {
            trees = XgboostTreeArray.Locate(utf8Json, ReaderOptions);
        }
        catch (JsonException e)
        {
            // xgboost writes bare NaN (e.g. the split condition of a categorical split), which is not JSON.
            quoted = NonFiniteJsonLiterals.Quote(utf8Json);
            if (quoted is null)
            {
                throw Malformed($"it is not valid JSON ({e.Message})", e);
            }

            try
            {
                trees = XgboostTreeArray.Locate(quoted, ReaderOptions);
            }
            catch (JsonException)
            {
                throw Malformed($"it is not valid JSON ({e.Message})", e);
            }
        }

        var json = quoted is null ? utf8Json : quoted;
        using var document = Parse(trees is null ? json : trees.Outline(json));
        try
        {
            return Read(document.RootElement, new TreeSource(json, trees));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or OverflowException)
        {
            throw Malformed($"a field has an unexpected type or value ({e.Message})", e);
        }
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        return JsonDocument.ParseValue(ref reader);
    }

    private static XgboostModel Read(JsonElement root, TreeSource source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("the document is not a JSON object");
        }

        var version = ReadVersion(root);
        var learner = Required(root, "learner", JsonValueKind.Object);

        var objective = Required(Required(learner, "objective", JsonValueKind.Object), "name", JsonValueKind.String).GetString();
        if (objective != SupportedObjective)
        {
            throw new ModelArtifactException<XgboostModelRefusal>(
                XgboostModelRefusal.UnsupportedObjective,
                $"The model's objective is '{objective}'; only '{SupportedObjective}' models are supported.");
        }

        var parameters = Required(learner, "learner_model_param", JsonValueKind.Object);
        var featureCount = IntegerString(parameters, "num_feature");
        if (OptionalIntegerString(parameters, "num_class", 0) != 0 || OptionalIntegerString(parameters, "num_target", 1) != 1)
        {
            throw new ModelArtifactException<XgboostModelRefusal>(
                XgboostModelRefusal.UnsupportedObjective,
                "The model has more than one output (num_class or num_target); only single-output binary models are supported.");
        }

        var baseScore = FloatString(parameters, "base_score");
        if (!(baseScore > 0f && baseScore < 1f))
        {
            throw Malformed($"base_score {baseScore.ToString(CultureInfo.InvariantCulture)} is not a probability strictly between 0 and 1");
        }

        var featureNames = ReadFeatureNames(learner, featureCount);

        var booster = Required(learner, "gradient_booster", JsonValueKind.Object);
        var boosterName = Required(booster, "name", JsonValueKind.String).GetString();
        if (boosterName != "gbtree")
        {
            throw new ModelArtifactException<XgboostModelRefusal>(
                XgboostModelRefusal.UnsupportedBooster,
                $"The model uses the '{boosterName}' booster; only 'gbtree' is supported.");
        }

        var ensemble = ReadTrees(Required(booster, "model", JsonValueKind.Object), featureCount, source);
        var versionText = string.Join('.', version);
        return new XgboostModel(ensemble, featureNames, baseScore, versionText);
    }

    private static int[] ReadVersion(JsonElement root)
    {
        var version = Required(root, "version", JsonValueKind.Array);
        if (version.GetArrayLength() != 3 || version.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
        {
            throw Malformed("'version' is not [major, minor, patch]");
        }

        var numbers = version.EnumerateArray().Select(v => v.GetInt32()).ToArray();
        if (numbers[0] != 1)
        {
            throw new ModelArtifactException<XgboostModelRefusal>(
                XgboostModelRefusal.UnsupportedVersion,
                $"The model was written by xgboost {string.Join('.', numbers)}; this reader understands the xgboost 1.x JSON format only (tested with 1.7.4).");
        }

        return numbers;
    }

    private static string[] ReadFeatureNames(JsonElement learner, int featureCount)
    {
        if (learner.TryGetProperty("feature_types", out var types) && types.ValueKind == JsonValueKind.Array
            && types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == "c"))
        {
            throw new ModelArtifactException<XgboostModelRefusal>(
                XgboostModelRefusal.CategoricalSplits,
                "The model declares categorical features (feature_types 'c'); only numeric features are supported.");
        }

        if (!learner.TryGetProperty("feature_names", out var names) || names.ValueKind != JsonValueKind.Array || names.GetArrayLength() == 0)
        {
            throw new ModelArtifactException<XgboostModelRefusal>(
                XgboostModelRefusal.MissingFeatureNames,
                "The model declares no feature names; train it on a DMatrix or DataFrame with named features.");
        }

        var featureNames = names.EnumerateArray().Select(n => n.GetString() ?? throw Malformed("a feature name is null")).ToArray();
        if (featureNames.Length != featureCount)
        {
            throw Malformed($"{featureNames.Length} feature names for num_feature {featureCount}");
        }

        var duplicate = featureNames.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Malformed($"feature name '{duplicate.Key}' appears twice");
        }

        return featureNames;
    }

    private static TreeEnsemble ReadTrees(JsonElement model, int featureCount, TreeSource source)
    {
        var trees = Required(model, "trees", JsonValueKind.Array);
        var treeCount = source.Count(trees);
        var header = Required(model, "gbtree_model_param", JsonValueKind.Object);
        if (IntegerString(header, "num_trees") != treeCount)
        {
            throw Malformed($"num_trees says {IntegerString(header, "num_trees")} but {treeCount} trees are stored");
        }

        if (OptionalIntegerString(header, "size_leaf_vector", 0) != 0)
        {
            throw new ModelArtifactException<XgboostModelRefusal>(XgboostModelRefusal.UnsupportedBooster, "The model has vector leaves (multi-output trees); only scalar leaves are supported.");
        }

        var treeInfo = Required(model, "tree_info", JsonValueKind.Array);
        if (treeInfo.GetArrayLength() != treeCount || treeInfo.EnumerateArray().Any(g => g.GetInt32() != 0))
        {
            throw Malformed("tree_info does not assign every tree to the single output group");
        }

        var builder = new TreeEnsembleBuilder(featureCount, RowConversion.ToSingle);
        try
        {
            for (var t = 0; t < treeCount; t++)
            {
                using var parsed = source.Tree(t);
                builder.AddTree(ReadTree(parsed?.RootElement ?? trees[t], t));
            }

            return builder.Build();
        }
        catch (TreeStructureException e) when (e.TooDeep)
        {
            throw new ModelArtifactException<XgboostModelRefusal>(
                XgboostModelRefusal.UnsupportedBooster,
                $"Tree {builder.TreeCount} is deeper than {MaxTreeDepth} levels; only trees up to depth {MaxTreeDepth} are supported (xgboost's depthwise growth stops at max_depth 30).");
        }
        catch (TreeStructureException e)
        {
            throw Malformed(e.Message, e);
        }
    }

    /// <summary>
    /// One tree in the ensemble's terms: xgboost sends a value left when <c>(float)value &lt; condition</c>, which for
    /// single-precision values is <c>value &lt;= the float just below the condition</c>; a missing value (NaN) follows
    /// default_left.
    /// </summary>
    private static SourceTree ReadTree(JsonElement tree, int treeIndex)
    {
        if (tree.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"tree {treeIndex} is not an object");
        }

        var nodeCount = IntegerString(Required(tree, "tree_param", JsonValueKind.Object), "num_nodes");
        if (nodeCount < 1)
        {
            throw Malformed($"tree {treeIndex} has no nodes");
        }

        if (tree.TryGetProperty("split_type", out var splitTypes) && splitTypes.EnumerateArray().Any(s => s.GetInt32() != 0))
        {
            throw new ModelArtifactException<XgboostModelRefusal>(
                XgboostModelRefusal.CategoricalSplits,
                $"Tree {treeIndex} has categorical splits; only numeric splits are supported.");
        }

        if (tree.TryGetProperty("categories_nodes", out var categoryNodes) && categoryNodes.GetArrayLength() != 0)
        {
            throw new ModelArtifactException<XgboostModelRefusal>(
                XgboostModelRefusal.CategoricalSplits,
                $"Tree {treeIndex} has categorical splits; only numeric splits are supported.");
        }

        var left = IntArray(tree, "left_children", nodeCount, treeIndex);
        var right = IntArray(tree, "right_children", nodeCount, treeIndex);
        var feature = IntArray(tree, "split_indices", nodeCount, treeIndex);
        var condition = FloatArray(tree, "split_conditions", nodeCount, treeIndex);
        var hessian = FloatArray(tree, "sum_hessian", nodeCount, treeIndex);
        var defaultLeft = BoolArray(tree, "default_left", nodeCount, treeIndex);
        var threshold = new double[nodeCount];
        var value = new double[nodeCount];
        var cover = new double[nodeCount];
        var missingType = new SplitMissingType[nodeCount];
        Array.Fill(missingType, SplitMissingType.NaN);
        for (var node = 0; node < nodeCount; node++)
        {
            threshold[node] = float.BitDecrement(condition[node]);
            value[node] = condition[node];
            cover[node] = hessian[node];
        }

        return new SourceTree(left, right, feature, threshold, missingType, defaultLeft, value, cover);
    }

    /// <summary>
    /// The trees, each parsed from its own bytes; or, when none were located (the document was parsed whole), those
    /// of the document's array (null from <see cref="Tree"/>).
    /// </summary>
    private readonly ref struct TreeSource(ReadOnlySpan<byte> json, XgboostTreeArray? located)
    {
        private readonly ReadOnlySpan<byte> _json = json;

        public int Count(JsonElement documentTrees) => located?.Count ?? documentTrees.GetArrayLength();

        public JsonDocument? Tree(int index) => located is null ? null : Parse(_json[located[index]]);
    }

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != kind)
        {
            throw Malformed($"'{name}' is missing or not a {kind.ToString().ToLowerInvariant()}");
        }

        return value;
    }

    private static int IntegerString(JsonElement parent, string name) =>
        int.TryParse(Required(parent, name, JsonValueKind.String).GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Malformed($"'{name}' is not an integer");

    private static int OptionalIntegerString(JsonElement parent, string name, int fallback) =>
        parent.TryGetProperty(name, out _) ? IntegerString(parent, name) : fallback;

    private static float FloatString(JsonElement parent, string name) =>
        float.TryParse(Required(parent, name, JsonValueKind.String).GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Malformed($"'{name}' is not a number");

    private static int[] IntArray(JsonElement tree, string name, int count, int treeIndex)
    {
        var array = SizedArray(tree, name, count, treeIndex);
        var values = new int[count];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.GetInt32();
        }

        return values;
    }

    private static float[] FloatArray(JsonElement tree, string name, int count, int treeIndex)
    {
        var array = SizedArray(tree, name, count, treeIndex);
        var values = new float[count];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.GetSingle();
        }

        return values;
    }

    private static bool[] BoolArray(JsonElement tree, string name, int count, int treeIndex)
    {
        var array = SizedArray(tree, name, count, treeIndex);
        var values = new bool[count];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => item.GetInt32() != 0,
            };
        }

        return values;
    }

    private static JsonElement SizedArray(JsonElement tree, string name, int count, int treeIndex)
    {
        var array = Required(tree, name, JsonValueKind.Array);
        if (array.GetArrayLength() != count)
        {
            throw Malformed($"tree {treeIndex} has {array.GetArrayLength()} {name} for {count} nodes");
        }

        return array;
    }

    private static ModelArtifactException<XgboostModelRefusal> Malformed(string reason, Exception? inner = null) =>
        new(XgboostModelRefusal.Malformed, $"The XGBoost model is malformed: {reason}.", inner);
}
