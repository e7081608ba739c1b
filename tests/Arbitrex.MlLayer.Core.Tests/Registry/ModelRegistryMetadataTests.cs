using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Core.Tests.Models.Xgboost;
using Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

namespace Arbitrex.MlLayer.Core.Tests.Registry;

/// <summary><see cref="ModelRegistry.UpdateMetadata"/>: the metadata changes, the artifact and its recorded hash do not.</summary>
[Trait("Category", "Unit")]
public sealed class ModelRegistryMetadataTests : IDisposable
{
    private readonly TempDirectory _source = new();
    private readonly TempDirectory _root = new();

    public void Dispose()
    {
        _source.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task A_baseline_written_into_a_versions_metadata_keeps_its_other_fields_and_its_artifact()
    {
        var registry = new ModelRegistry(_root.Path, [new XgboostArtifactValidator()], TimeProvider.System);
        await registry.RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata { Auc = 0.61 });
        var baseline = LiveBars.Baseline(rows: 200);

        await registry.UpdateMetadataAsync("signal_filter", "v1.1.0", baseline.WriteTo);

        var metadata = registry.LoadMetadata("signal_filter", "v1.1.0");
        Assert.Equal(0.61, metadata.Auc);
        Assert.Equal(baseline.Features["rsi"].Sample, DriftBaseline.From(metadata)!.Features["rsi"].Sample);
        Assert.Equal(XgboostFixture.ModelBytes("depth2_trees10"), registry.LoadArtifact("signal_filter", "v1.1.0").Content.ToArray());
    }

    [Fact]
    public async Task Updating_a_version_that_is_not_registered_is_refused()
    {
        var registry = new ModelRegistry(_root.Path, [new XgboostArtifactValidator()], TimeProvider.System);

        await Assert.ThrowsAsync<ModelNotFoundException>(() => registry.UpdateMetadataAsync("signal_filter", "v9.0.0", m => m));
    }
}
