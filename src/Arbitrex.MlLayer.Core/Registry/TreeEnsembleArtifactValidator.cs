using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Models.Trees;

namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>
/// Accepts a trained tree-ensemble artifact for the signal filter when it parses, reads only canonical features,
/// and gives finite probabilities and contributions for a typical row and an all-missing row.
/// </summary>
public abstract class TreeEnsembleArtifactValidator : IModelArtifactValidator
{
    public abstract ModelKind Kind { get; }

    public IReadOnlyList<string> Validate(string modelName, ReadOnlySpan<byte> artifact)
    {
        if (modelName != ModelNames.SignalFilter)
        {
            throw new InvalidModelException(
                $"A {ModelKinds.Name(Kind)} artifact can serve {ModelNames.SignalFilter} only (a binary classifier); '{modelName}' needs another kind.");
        }

        var model = TreeEnsembleModels.Read(Kind, artifact);
        var unknown = model.FeatureNames.Where(f => !CanonicalFeatures.All.Contains(f)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidModelException(
                $"The model reads features the engine cannot supply: {string.Join(", ", unknown)}. Allowed: {string.Join(", ", CanonicalFeatures.All)}.");
        }

        var row = new double[model.FeatureCount];
        var contributions = new double[model.ContributionCount];
        foreach (var value in new[] { 0.5, double.NaN })
        {
            Array.Fill(row, value);
            var probability = model.PredictProbability(row);
            model.PredictContributions(row, contributions);
            if (!(probability >= 0 && probability <= 1) || contributions.Any(c => !double.IsFinite(c)))
            {
                throw new InvalidModelException(
                    $"The smoke prediction gave probability {probability} and non-finite contributions; the model is refused.");
            }
        }

        return model.FeatureNames;
    }
}
