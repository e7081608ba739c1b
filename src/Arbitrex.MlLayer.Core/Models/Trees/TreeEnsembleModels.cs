using Arbitrex.MlLayer.Core.Models.LightGbm;
using Arbitrex.MlLayer.Core.Models.Xgboost;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>Reads a trained artifact of a tree-ensemble <see cref="ModelKind"/>, turning the reader's refusal into the registry's.</summary>
public static class TreeEnsembleModels
{
    /// <exception cref="InvalidModelException">The artifact is not a model of that kind this evaluator serves; the message says why.</exception>
    public static ITreeEnsembleModel Read(ModelKind kind, ReadOnlySpan<byte> artifact)
    {
        ArtifactContent.ThrowIfPickle(artifact);
        try
        {
            return kind switch
            {
                ModelKind.XgboostJson => XgboostModel.Parse(artifact),
                ModelKind.Lightgbm => LightGbmModel.Parse(artifact),
                _ => throw new InvalidModelException($"A {ModelKinds.Name(kind)} artifact is not a tree ensemble.") { Field = "kind" },
            };
        }
        catch (ModelArtifactException e)
        {
            throw new InvalidModelException(e.Message, e);
        }
    }

    /// <summary>Reads the artifact and wraps it as the signal filter.</summary>
    /// <exception cref="InvalidModelException">The artifact cannot serve as the signal filter.</exception>
    public static TreeEnsembleSignalModel LoadSignal(ModelKind kind, ReadOnlySpan<byte> artifact, string version)
    {
        try
        {
            return new TreeEnsembleSignalModel(Read(kind, artifact), kind, version, ModelRegistry.Sha256Of(artifact));
        }
        catch (InvalidModelException e)
        {
            throw new InvalidModelException($"Signal model {version}: {e.Message}", e);
        }
    }
}
