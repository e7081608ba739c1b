using System.Text.Json;

namespace Arbitrex.MlLayer.Core.Models.Xgboost;

/// <summary>
/// Where <c>learner.gradient_booster.model.trees</c> lies in an xgboost JSON file, and each tree in it, found by one
/// streaming pass. The trees are almost all of a model file; a <see cref="JsonDocument"/> over the whole file keeps
/// a 12-byte row per token in arrays rented from the shared pool (about 7× a 19 MB model, and the pool keeps them
/// after the document is disposed). The reader instead parses the file without its trees (<see cref="Outline"/>) and
/// each tree on its own.
/// </summary>
/// <remarks>
/// The pass reads the whole first JSON value, as <see cref="JsonDocument.ParseValue"/> does, so a syntax error
/// anywhere is found before anything is checked. A property that appears twice counts by its last occurrence, as
/// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> finds it.
/// </remarks>
internal sealed class XgboostTreeArray
{
    private static readonly string[] PathToTrees = ["learner", "gradient_booster", "model", "trees"];

    private readonly List<Range> _trees;

    private XgboostTreeArray(Range array, List<Range> trees)
    {
        Array = array;
        _trees = trees;
    }

    /// <summary>The array's bytes, from <c>[</c> to <c>]</c>.</summary>
    public Range Array { get; }

    public int Count => _trees.Count;

    /// <summary>The bytes of tree <paramref name="index"/>.</summary>
    public Range this[int index] => _trees[index];

    /// <summary>The tree array, or null when the document has none at that path (or it is not an array).</summary>
    /// <exception cref="JsonException">The input is not JSON.</exception>
    public static XgboostTreeArray? Locate(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(utf8Json, options);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        return FindIn(ref reader, 0);
    }

    /// <summary>The document with the trees' array left empty: everything the reader checks before the trees.</summary>
    public byte[] Outline(ReadOnlySpan<byte> utf8Json)
    {
        var (offset, length) = Array.GetOffsetAndLength(utf8Json.Length);
        var head = utf8Json[..(offset + 1)];
        var tail = utf8Json[(offset + length - 1)..];
        var outline = new byte[head.Length + tail.Length];
        head.CopyTo(outline);
        tail.CopyTo(outline.AsSpan(head.Length));
        return outline;
    }

    // At the start of an object on the path (level = how far along it); returns what the last property named for the
    // next step leads to.
    private static XgboostTreeArray? FindIn(ref Utf8JsonReader reader, int level)
    {
        XgboostTreeArray? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var onPath = reader.ValueTextEquals(PathToTrees[level]);
            reader.Read();
            if (!onPath)
            {
                reader.Skip();
            }
            else if (level == PathToTrees.Length - 1 && reader.TokenType == JsonTokenType.StartArray)
            {
                found = Elements(ref reader);
            }
            else if (level < PathToTrees.Length - 1 && reader.TokenType == JsonTokenType.StartObject)
            {
                found = FindIn(ref reader, level + 1);
            }
            else
            {
                found = null;
                reader.Skip();
            }
        }

        return found;
    }

    private static XgboostTreeArray Elements(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        var trees = new List<Range>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var first = (int)reader.TokenStartIndex;
            reader.Skip();
            trees.Add(first..(int)reader.BytesConsumed);
        }

        return new XgboostTreeArray(start..(int)reader.BytesConsumed, trees);
    }
}
