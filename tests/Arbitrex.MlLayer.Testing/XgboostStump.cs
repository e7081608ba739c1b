using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Testing;

/// <summary>
/// A one-split XGBoost JSON model (binary:logistic, base score 0.5) over the 16 canonical features: a signal filter
/// whose success probability is σ(<c>below</c>) when the feature is under the threshold and σ(<c>atOrAbove</c>)
/// otherwise, so a test knows exactly which bars two thresholds decide differently.
/// </summary>
public static class XgboostStump
{
    public static byte[] Model(string feature, float threshold, float below, float atOrAbove)
    {
        var index = CanonicalFeatures.IndexOf(feature);
        if (index < 0)
        {
            throw new ArgumentException($"'{feature}' is not a canonical feature.", nameof(feature));
        }

        var tree = new JsonObject
        {
            ["base_weights"] = new JsonArray(0f, below, atOrAbove),
            ["categories"] = new JsonArray(),
            ["categories_nodes"] = new JsonArray(),
            ["categories_segments"] = new JsonArray(),
            ["categories_sizes"] = new JsonArray(),
            ["default_left"] = new JsonArray(1, 0, 0),
            ["id"] = 0,
            ["left_children"] = new JsonArray(1, -1, -1),
            ["loss_changes"] = new JsonArray(1f, 0f, 0f),
            ["parents"] = new JsonArray(2147483647, 0, 0),
            ["right_children"] = new JsonArray(2, -1, -1),
            ["split_conditions"] = new JsonArray(threshold, below, atOrAbove),
            ["split_indices"] = new JsonArray(index, 0, 0),
            ["split_type"] = new JsonArray(0, 0, 0),
            ["sum_hessian"] = new JsonArray(100f, 50f, 50f),
            ["tree_param"] = new JsonObject { ["num_deleted"] = "0", ["num_feature"] = "16", ["num_nodes"] = "3", ["size_leaf_vector"] = "0" },
        };
        var model = new JsonObject
        {
            ["learner"] = new JsonObject
            {
                ["attributes"] = new JsonObject(),
                ["feature_names"] = new JsonArray([.. CanonicalFeatures.All.Select(f => (JsonNode)f)]),
                ["feature_types"] = new JsonArray([.. CanonicalFeatures.All.Select(_ => (JsonNode)"float")]),
                ["gradient_booster"] = new JsonObject
                {
                    ["model"] = new JsonObject
                    {
                        ["gbtree_model_param"] = new JsonObject { ["num_parallel_tree"] = "1", ["num_trees"] = "1", ["size_leaf_vector"] = "0" },
                        ["tree_info"] = new JsonArray(0),
                        ["trees"] = new JsonArray(tree),
                    },
                    ["name"] = "gbtree",
                },
                ["learner_model_param"] = new JsonObject { ["base_score"] = "5E-1", ["boost_from_average"] = "1", ["num_class"] = "0", ["num_feature"] = "16", ["num_target"] = "1" },
                ["objective"] = new JsonObject { ["name"] = "binary:logistic", ["reg_loss_param"] = new JsonObject { ["scale_pos_weight"] = "1" } },
            },
            ["version"] = new JsonArray(1, 7, 4),
        };
        return Encoding.UTF8.GetBytes(model.ToJsonString());
    }
}
