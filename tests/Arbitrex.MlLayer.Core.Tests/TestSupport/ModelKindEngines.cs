using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Core.Tests.Models.LightGbm;
using Arbitrex.MlLayer.Core.Tests.Models.Xgboost;

namespace Arbitrex.MlLayer.Core.Tests.TestSupport;

/// <summary>
/// An engine serving each <see cref="ModelKind"/> as its signal filter, for tests that must hold for every
/// kind. A kind added to the enum without an entry here fails those tests, naming the kind.
/// </summary>
internal static class ModelKindEngines
{
    private const string TrainedVersion = "v9.0.0";

    public static TheoryData<ModelKind> All() => [.. Enum.GetValues<ModelKind>()];

    public static InferenceEngine Create(ModelKind kind, EngineConfig? config = null, TimeProvider? time = null)
    {
        var repository = new ModelFolderArtifactSource(RepoPaths.Models);
        var trained = kind switch
        {
            ModelKind.RuleBased => null,
            ModelKind.XgboostJson => XgboostFixture.ModelBytes("depth6_trees100"),
            ModelKind.Lightgbm => LightGbmFixture.ModelBytes("default_31_leaves"),
            _ => throw new NotSupportedException($"No test engine for model kind {kind}: add one to {nameof(ModelKindEngines)}."),
        };

        var engineConfig = config ?? new EngineConfig();
        if (trained is null)
        {
            return new InferenceEngine(engineConfig, new ModelLoader(repository), time);
        }

        engineConfig = engineConfig with
        {
            SignalFilter = engineConfig.SignalFilter with { UseMlModel = true },
            Model = engineConfig.Model with { SignalFilterVersion = TrainedVersion },
        };
        return new InferenceEngine(engineConfig, new ModelLoader(new WithTrainedSignal(repository, kind, trained)), time);
    }

    private sealed class WithTrainedSignal(IModelArtifactSource inner, ModelKind kind, byte[] content) : IModelArtifactSource
    {
        public LoadedArtifact Resolve(string name, string version) =>
            name == ModelNames.SignalFilter && version == TrainedVersion
                ? new LoadedArtifact(name, version, kind, content)
                : inner.Resolve(name, version);
    }
}
