using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Models.RuleBased;

/// <summary>Accepts a rule-based parameter file when it loads as the named model and scores a neutral row to a finite value.</summary>
public sealed class RuleBasedArtifactValidator : IModelArtifactValidator
{
    public ModelKind Kind => ModelKind.RuleBased;

    public IReadOnlyList<string> Validate(string modelName, ReadOnlySpan<byte> artifact)
    {
        Span<double> row = stackalloc double[Contracts.CanonicalFeatures.All.Count];
        Span<double> contributions = stackalloc double[Contracts.CanonicalFeatures.All.Count];
        row.Fill(0.5);
        switch (modelName)
        {
            case ModelNames.RegimeClassifier:
                var regime = RuleBasedRegimeModel.Load(artifact, new RegimeConfig());
                var scores = regime.Classify(row);
                return double.IsFinite(scores.Trending + scores.Ranging + scores.Stressed)
                    ? regime.Features
                    : throw new InvalidModelException("The regime model's smoke prediction is not finite.");
            case ModelNames.SignalFilter:
                var signal = RuleBasedSignalModel.Load(artifact, new SignalFilterConfig());
                return double.IsFinite(signal.Predict(row, contributions))
                    ? signal.Features
                    : throw new InvalidModelException("The signal model's smoke prediction is not finite.");
            default:
                throw new InvalidModelException($"'{modelName}' is not a model of the engine ({string.Join(", ", ModelNames.All)}).");
        }
    }
}
