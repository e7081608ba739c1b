using System.Text;
using System.Text.Json;

namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>
/// Tells an artifact's <see cref="ModelKind"/> from its bytes, not its file name: the seeds' <c>signal_filter_v1.pkl</c>
/// holding an XGBoost JSON or LightGBM text model registers as what it holds; a real pickle is refused.
/// </summary>
public static class ArtifactContent
{
    /// <summary>What the registry says about a Python pickle.</summary>
    public const string PickleRefusal =
        "The artifact is a Python pickle, which only Python can read and which runs code when loaded; it is never loaded here. "
        + "Export the booster with booster.save_model('model.txt') (LightGBM) or Booster.save_model('model.json') (XGBoost) and register that file.";

    private const byte PickleProtocolOpcode = 0x80;

    /// <exception cref="InvalidModelException">The bytes are a pickle, or none of the kinds.</exception>
    public static ModelKind Detect(ReadOnlySpan<byte> artifact)
    {
        ThrowIfPickle(artifact);
        var text = SkipPreamble(artifact);
        if (text.StartsWith("tree\n"u8) || text.StartsWith("tree\r\n"u8))
        {
            return ModelKind.Lightgbm;
        }

        if (text.IsEmpty || text[0] != (byte)'{')
        {
            throw new InvalidModelException(
                "The artifact is neither JSON (a rule-based parameter file or an XGBoost model) nor a LightGBM text model (starting with the line 'tree').");
        }

        try
        {
            return HasTopLevelLearner(text) ? ModelKind.XgboostJson : ModelKind.RuleBased;
        }
        catch (JsonException e)
        {
            throw new InvalidModelException("The artifact is not JSON: " + e.Message, e);
        }
    }

    /// <exception cref="InvalidModelException">The bytes start with a pickle's protocol header.</exception>
    public static void ThrowIfPickle(ReadOnlySpan<byte> artifact)
    {
        if (!artifact.IsEmpty && artifact[0] == PickleProtocolOpcode)
        {
            throw new InvalidModelException(PickleRefusal);
        }
    }

    // Streamed, not a JsonDocument: a document over a 20 MB model rents ~150 MB of token arrays that the shared pool
    // keeps afterwards. The whole object is read, so invalid JSON anywhere in it is still found.
    private static bool HasTopLevelLearner(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        reader.Read();
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            found |= reader.ValueTextEquals("learner"u8);
            reader.Read();
            reader.Skip();
        }

        return found;
    }

    private static ReadOnlySpan<byte> SkipPreamble(ReadOnlySpan<byte> artifact)
    {
        var text = artifact.StartsWith(Encoding.UTF8.Preamble) ? artifact[Encoding.UTF8.Preamble.Length..] : artifact;
        return text.TrimStart(" \t\r\n"u8);
    }
}
