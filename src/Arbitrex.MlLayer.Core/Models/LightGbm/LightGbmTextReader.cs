using System.Globalization;
using System.Text;
using Arbitrex.MlLayer.Core.Models.Trees;

namespace Arbitrex.MlLayer.Core.Models.LightGbm;

/// <summary>
/// Reads the text that <c>booster.save_model("model.txt")</c> / <c>LGBM_BoosterSaveModel</c> writes (format
/// versions v3 and v4): a header of <c>key=value</c> lines, then one <c>Tree=N</c> block per tree, then
/// <c>end of trees</c>. Refuses, with the reason, anything it cannot evaluate exactly.
/// </summary>
internal static class LightGbmTextReader
{
    private static readonly string[] SupportedVersions = ["v3", "v4"];

    public static LightGbmModel Read(ReadOnlySpan<byte> utf8Text)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(utf8Text);
        }
        catch (DecoderFallbackException e)
        {
            throw Malformed("it is not UTF-8 text", e);
        }

        var lines = text.Split('\n');
        var position = 0;
        if (NextLine(lines, ref position) != "tree")
        {
            throw Malformed("it does not start with the line 'tree'");
        }

        var header = ReadBlock(lines, ref position, out var averageOutput);
        var version = Field(header, "version", "the header");
        if (!SupportedVersions.Contains(version))
        {
            throw new ModelArtifactException<LightGbmModelRefusal>(
                LightGbmModelRefusal.UnsupportedVersion,
                $"The model is in LightGBM's text format {version}; this reader understands {string.Join(" and ", SupportedVersions)} (LightGBM 3.x and 4.x).");
        }

        if (Integer(header, "num_class", "the header") != 1 || (header.ContainsKey("num_tree_per_iteration") && Integer(header, "num_tree_per_iteration", "the header") != 1))
        {
            throw new ModelArtifactException<LightGbmModelRefusal>(
                LightGbmModelRefusal.UnsupportedObjective,
                $"The model has {header["num_class"]} classes (multiclass); only binary models are supported.");
        }

        var sigmoid = ReadObjective(header);
        var featureCount = Integer(header, "max_feature_idx", "the header") + 1;
        var featureNames = ReadFeatureNames(header, featureCount);
        var builder = new TreeEnsembleBuilder(featureCount, RowConversion.ZeroWithinZeroThreshold);
        while (true)
        {
            var line = NextLine(lines, ref position) ?? throw Malformed("it ends before 'end of trees'");
            if (line == "end of trees")
            {
                break;
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (line != $"Tree={builder.TreeCount}")
            {
                throw Malformed($"expected 'Tree={builder.TreeCount}', found '{Shorten(line)}'");
            }

            var treeIndex = builder.TreeCount;
            var tree = ReadBlock(lines, ref position, out _);
            try
            {
                builder.AddTree(LightGbmTreeReader.Read(tree, treeIndex));
            }
            catch (TreeStructureException e) when (e.TooDeep)
            {
                throw new ModelArtifactException<LightGbmModelRefusal>(
                    LightGbmModelRefusal.TreeTooDeep,
                    $"Tree {treeIndex} is deeper than {TreeEnsembleBuilder.MaxTreeDepth} levels; limit max_depth (or num_leaves) when training.");
            }
            catch (TreeStructureException e)
            {
                throw Malformed(e.Message, e);
            }
        }

        if (header.TryGetValue("tree_sizes", out var sizes) && sizes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != builder.TreeCount)
        {
            throw Malformed($"tree_sizes lists {sizes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length} trees but {builder.TreeCount} are stored");
        }

        TreeEnsemble ensemble;
        try
        {
            ensemble = builder.Build();
        }
        catch (TreeStructureException e)
        {
            throw Malformed(e.Message, e);
        }

        return new LightGbmModel(ensemble, featureNames, sigmoid, averageOutput, version);
    }

    /// <summary>The binary objective's sigmoid parameter (<c>objective=binary sigmoid:1</c>).</summary>
    private static double ReadObjective(Dictionary<string, string> header)
    {
        if (!header.TryGetValue("objective", out var objective))
        {
            throw new ModelArtifactException<LightGbmModelRefusal>(
                LightGbmModelRefusal.UnsupportedObjective,
                "The model names no objective (a custom objective); only the 'binary' objective is supported.");
        }

        var tokens = objective.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0 || tokens[0] != "binary")
        {
            throw new ModelArtifactException<LightGbmModelRefusal>(
                LightGbmModelRefusal.UnsupportedObjective,
                $"The model's objective is '{Shorten(objective)}'; only the 'binary' objective is supported.");
        }

        var sigmoid = 1d;
        foreach (var token in tokens.Skip(1))
        {
            if (token.StartsWith("sigmoid:", StringComparison.Ordinal)
                && !(LightGbmNumbers.TryParseDouble(token["sigmoid:".Length..], out sigmoid) && sigmoid > 0 && double.IsFinite(sigmoid)))
            {
                throw Malformed($"the objective's '{token}' is not a positive number");
            }
        }

        return sigmoid;
    }

    private static string[] ReadFeatureNames(Dictionary<string, string> header, int featureCount)
    {
        var names = Field(header, "feature_names", "the header").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length != featureCount)
        {
            throw Malformed($"{names.Length} feature names for max_feature_idx {featureCount - 1}");
        }

        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? names : throw Malformed($"feature name '{duplicate.Key}' appears twice");
    }

    /// <summary>The <c>key=value</c> lines up to a blank line, the next <c>Tree=</c> line or the end of the trees.</summary>
    private static Dictionary<string, string> ReadBlock(string[] lines, ref int position, out bool averageOutput)
    {
        var block = new Dictionary<string, string>(StringComparer.Ordinal);
        averageOutput = false;
        while (position < lines.Length)
        {
            var line = lines[position].TrimEnd('\r');
            if (line.Length == 0 && block.Count > 0)
            {
                break;
            }

            if (line.StartsWith("Tree=", StringComparison.Ordinal) || line == "end of trees")
            {
                break;
            }

            position++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line == "average_output")
            {
                averageOutput = true;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Malformed($"'{Shorten(line)}' is not a key=value line");
            }

            if (!block.TryAdd(line[..equals], line[(equals + 1)..]))
            {
                throw Malformed($"'{line[..equals]}' appears twice in one block");
            }
        }

        return block;
    }

    private static string? NextLine(string[] lines, ref int position) =>
        position < lines.Length ? lines[position++].TrimEnd('\r') : null;

    internal static string Field(Dictionary<string, string> block, string key, string where) =>
        block.TryGetValue(key, out var value) ? value : throw Malformed($"{where} has no '{key}'");

    internal static int Integer(Dictionary<string, string> block, string key, string where) =>
        int.TryParse(Field(block, key, where), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw Malformed($"'{key}' in {where} is not a non-negative integer");

    internal static ModelArtifactException<LightGbmModelRefusal> Malformed(string reason, Exception? inner = null) =>
        new(LightGbmModelRefusal.Malformed, $"The LightGBM model is malformed: {reason}.", inner);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
