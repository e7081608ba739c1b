using System.Text.Json;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Training;

namespace Arbitrex.MlLayer.Trainer;

/// <summary>
/// Registers a trained artifact through the registry, with the checks of <c>POST /models/register</c>:
/// name and version, the artifact parsed by the validator of its kind, its features, a smoke prediction.
/// </summary>
public static class TrainedModelRegistration
{
    /// <exception cref="InvalidModelException">The registry refused the artifact or its metadata (see <see cref="InvalidModelException.Field"/>).</exception>
    /// <exception cref="ModelConflictException">The version is registered already.</exception>
    /// <exception cref="ModelRegistryBusyException">Another registration held the registry too long.</exception>
    public static Task<RegistryEntry> RegisterAsync(ModelRegistry registry, string name, string version, TrainingResult training)
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
        return registry.RegisterAsync(name, version, training.ModelPath, ModelKind.Lightgbm, metadata);
    }
}
