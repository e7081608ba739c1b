using System.Text.Json;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Core.Tests.Models.LightGbm;

namespace Arbitrex.MlLayer.Core.Tests.Registry;

/// <summary>The registry's LightGBM flows: the same registration, integrity and deletion as XGBoost's.</summary>
[Trait("Category", "Unit")]
public sealed partial class ModelRegistryTests
{
    [Fact]
    public async Task A_lightgbm_model_in_a_pkl_file_registers_as_lightgbm_text()
    {
        var bytes = LightGbmFixture.ModelBytes("default_31_leaves");
        var source = _source.File("signal_filter_v1.pkl", bytes);

        var entry = await Registry().RegisterAsync("signal_filter", "v1.1.0", source, ArtifactContent.Detect(File.ReadAllBytes(source)), new ModelMetadata());

        Assert.Equal(ModelKind.Lightgbm, entry.Kind);
        Assert.Equal("signal_filter/v1.1.0_lightgbm.txt", entry.ArtifactPath);
        Assert.Equal(bytes, Registry().LoadArtifact("signal_filter", "v1.1.0").Content.ToArray());
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_root.Path, "registry_index.json")));
        Assert.Equal("lightgbm", Assert.Single(index.RootElement.GetProperty("models").EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal(16, Registry().LoadMetadata("signal_filter", "v1.1.0").Features.Count);
    }

    [Fact]
    public async Task A_pickle_registered_as_lightgbm_is_refused_and_changes_nothing()
    {
        var source = _source.File("signal_filter_v1.pkl", [0x80, 0x04, 0x95, 0x00]);

        var e = await Assert.ThrowsAsync<InvalidModelException>(() =>
            Registry().RegisterAsync("signal_filter", "v1.1.0", source, ModelKind.Lightgbm, new ModelMetadata()));

        Assert.Equal(ArtifactContent.PickleRefusal, e.Message);
        Assert.Empty(Registry().List());
    }

    [Fact]
    public async Task A_tampered_lightgbm_artifact_is_refused_at_load_and_a_deleted_one_leaves_the_index()
    {
        var registry = Registry();
        var entry = await registry.RegisterAsync("signal_filter", "v1.1.0", _source.File("model.txt", LightGbmFixture.ModelBytes("feature_subset")), ModelKind.Lightgbm, new ModelMetadata());
        await registry.RegisterAsync("signal_filter", "v1.2.0", _source.File("model2.txt", LightGbmFixture.ModelBytes("feature_subset")), ModelKind.Lightgbm, new ModelMetadata());
        var stored = Path.Combine(_root.Path, entry.ArtifactPath);
        File.WriteAllText(stored, File.ReadAllText(stored).Replace("sigmoid:1", "sigmoid:2", StringComparison.Ordinal));

        Assert.Contains("SHA-256", Assert.Throws<ModelIntegrityException>(() => registry.LoadArtifact("signal_filter", "v1.1.0")).Message, StringComparison.Ordinal);

        await registry.DeleteAsync("signal_filter", "v1.2.0", (_, _) => false);
        Assert.Equal(["v1.1.0"], registry.Versions("signal_filter").Select(v => v.Version));
        Assert.False(File.Exists(Path.Combine(_root.Path, "signal_filter", "v1.2.0_lightgbm.txt")));
    }
}
