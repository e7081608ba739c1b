using System.Text.Json;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Tests.Registry;

/// <summary>Stands in for the engine's rule-based validator: any JSON object is accepted and reads two features.</summary>
internal sealed class AcceptingRuleBasedValidator : IModelArtifactValidator
{
    public ModelKind Kind => ModelKind.RuleBased;

    public IReadOnlyList<string> Validate(string modelName, ReadOnlySpan<byte> artifact)
    {
        try
        {
            var reader = new Utf8JsonReader(artifact);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? ["momentum_score", "volatility"]
                : throw new InvalidModelException("not an object");
        }
        catch (JsonException e)
        {
            throw new InvalidModelException("not JSON", e);
        }
    }
}
