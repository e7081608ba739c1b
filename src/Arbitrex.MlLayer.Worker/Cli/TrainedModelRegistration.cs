using System.Text.Json;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Training;

namespace Arbitrex.MlLayer.Worker.Cli;

/// <summary>
/// Registers a trained artifact through the registry, with the checks of <c>POST /models/register</c>:
/// name and version, the artifact parsed by the validator of its kind, its features, a smoke prediction.
/// </summary>
public static class TrainedModelRegistration
{
    /// <summary>The registry kind a <c>train</c> artifact is, resolved by its wire name (<c>lightgbm</c>).</summary>
    /// <exception cref="InvalidModelException">This build's registry has no such kind.</exception>
    public static ModelKind LightGbmKind()
    {
        try
        {
            return JsonSerializer.Deserialize<ModelKind>($"\"{ModelTrainer.Kind}\"", RegistryJson.Options);
        }
        catch (JsonException)
        {
            throw new InvalidModelException($"Artifacts of kind '{ModelTrainer.Kind}' cannot be registered here: the registry does not know the kind.")
            {
                Field = "kind",
            };
        }
    }

    /// <exception cref="InvalidModelException">The registry refused the artifact or its metadata (see <see cref="InvalidModelException.Field"/>).</exception>
    /// <exception cref="ModelConflictException">The version is registered already.</exception>
    /// <exception cref="ModelRegistryBusyException">Another registration held the registry too long.</exception>
    public static RegistryEntry Register(ModelRegistry registry, string name, string version, TrainingResult training)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(training);
        var extra = new Dictionary<string, JsonElement>(training.Metadata.Extra ?? new Dictionary<string, JsonElement>())
        {
            ["model_name"] = JsonSerializer.SerializeToElement(name),
            ["version"] = JsonSerializer.SerializeToElement(version),
        };

        // The registry fills the feature list from what the artifact reads, so it cannot disagree with it.
        var metadata = training.Metadata with { Features = [], Extra = extra };
        return registry.Register(name, version, training.ModelPath, LightGbmKind(), metadata);
    }
}
