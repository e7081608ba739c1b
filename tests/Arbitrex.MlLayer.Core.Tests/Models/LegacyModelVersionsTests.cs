using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Models;

[Trait("Category", "Unit")]
public sealed class LegacyModelVersionsTests
{
    private static readonly EngineConfig Legacy = new() { Model = new ModelConfig { RegimeClassifierVersion = "v1.0.0", SignalFilterVersion = "v1.0.0" } };

    [Fact]
    public void A_config_naming_the_old_rule_based_version_runs_the_shipped_rule_based_models()
    {
        var migrated = LegacyModelVersions.Migrate(Legacy, new ModelFolderArtifactSource(RepoPaths.Models));

        Assert.Equal("v1.0.0_rule_based", migrated.Model.RegimeClassifierVersion);
        Assert.Equal("v1.0.0_rule_based", migrated.Model.SignalFilterVersion);
    }

    [Fact]
    public void The_engine_reports_the_migrated_versions_in_its_config_and_decisions()
    {
        var engine = new InferenceEngine(Legacy, new ModelLoader(new ModelFolderArtifactSource(RepoPaths.Models)));

        Assert.Equal("v1.0.0_rule_based", engine.Snapshot.Config.Model.SignalFilterVersion);
        Assert.Equal("v1.0.0_rule_based", engine.Snapshot.ModelVersions["signal_filter"]);
    }

    [Fact]
    public void A_registered_v1_0_0_is_used_as_it_is()
    {
        var source = new FakeSource(("signal_filter", "v1.0.0"), ("signal_filter", "v1.0.0_rule_based"), ("regime_classifier", "v1.0.0_rule_based"));

        var migrated = LegacyModelVersions.Migrate(Legacy, source);

        Assert.Equal("v1.0.0", migrated.Model.SignalFilterVersion);
        Assert.Equal("v1.0.0_rule_based", migrated.Model.RegimeClassifierVersion);
    }

    [Fact]
    public void Other_versions_are_left_alone()
    {
        var config = new EngineConfig { Model = new ModelConfig { RegimeClassifierVersion = "v1.0.0_rule_based", SignalFilterVersion = "v2.0.0" } };

        Assert.Same(config, LegacyModelVersions.Migrate(config, new FakeSource()));
    }

    private sealed class FakeSource(params (string Name, string Version)[] registered) : IModelArtifactSource
    {
        public LoadedArtifact Resolve(string name, string version) =>
            registered.Contains((name, version))
                ? new LoadedArtifact(name, version, ModelKind.RuleBased, System.Text.Encoding.UTF8.GetBytes(version))
                : throw new ModelNotFoundException($"{name} {version} is not registered.");
    }
}
