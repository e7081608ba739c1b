using System.Text;
using System.Text.Json;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Core.Tests.Models.Xgboost;
using Arbitrex.MlLayer.Core.Tests.TestSupport;

namespace Arbitrex.MlLayer.Core.Tests.Registry;

[Trait("Category", "Unit")]
public sealed partial class ModelRegistryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private readonly TempDirectory _source = new();
    private readonly TempDirectory _root = new();

    public void Dispose()
    {
        _source.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task Registering_a_valid_model_copies_it_and_indexes_its_hash_kind_and_metadata()
    {
        var bytes = XgboostFixture.ModelBytes("depth2_trees10");
        var source = _source.File("m.json", bytes);

        var entry = await Registry().RegisterAsync("signal_filter", "v1.1.0", source, ModelKind.XgboostJson, new ModelMetadata { Auc = 0.61, Accuracy = 0.57 });

        Assert.Equal("signal_filter/v1.1.0_xgboost.json", entry.ArtifactPath);
        Assert.Equal("signal_filter/metadata/v1.1.0_metadata.json", entry.MetadataPath);
        Assert.Equal(Now, entry.RegisteredAt);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(_root.Path, "signal_filter", "v1.1.0_xgboost.json")));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), entry.Sha256);

        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_root.Path, "registry_index.json")));
        var stored = Assert.Single(index.RootElement.GetProperty("models").EnumerateArray());
        Assert.Equal("xgboost_json", stored.GetProperty("kind").GetString());
        Assert.Equal(entry.Sha256, stored.GetProperty("sha256").GetString());
        Assert.Equal("signal_filter/v1.1.0_xgboost.json", stored.GetProperty("artifact_path").GetString());
        Assert.Equal(1, index.RootElement.GetProperty("format_version").GetInt32());

        var metadata = Registry().LoadMetadata("signal_filter", "v1.1.0");
        Assert.Equal(0.61, metadata.Auc);
        Assert.Equal(16, metadata.Features.Count);
    }

    [Fact]
    public async Task A_registered_version_is_seen_by_a_new_registry_on_the_same_folder()
    {
        await Registry().RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata());

        var entry = Assert.Single(Registry().List());

        Assert.Equal(("signal_filter", "v1.1.0"), (entry.Name, entry.Version));
        Assert.Equal(XgboostFixture.ModelBytes("depth2_trees10"), Registry().LoadArtifact("signal_filter", "v1.1.0").Content.ToArray());
    }

    [Fact]
    public async Task A_duplicate_version_is_refused_and_keeps_the_first_artifact()
    {
        var registry = Registry();
        var first = await registry.RegisterAsync("signal_filter", "v1.1.0", _source.File("a.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata());

        var e = await Assert.ThrowsAsync<ModelConflictException>(() =>
            registry.RegisterAsync("signal_filter", "v1.1.0", _source.File("b.json", XgboostFixture.ModelBytes("depth6_trees100")), ModelKind.XgboostJson, new ModelMetadata()));

        Assert.Contains("already registered", e.Message, StringComparison.Ordinal);
        Assert.Equal(first.Sha256, registry.LoadArtifact("signal_filter", "v1.1.0").Entry.Sha256);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("v1.2")]
    [InlineData("v1.2.3-beta")]
    [InlineData("../v1.0.0")]
    [InlineData("")]
    public async Task A_malformed_version_is_refused(string version)
    {
        var e = await Assert.ThrowsAsync<InvalidModelException>(() =>
            Registry().RegisterAsync("signal_filter", version, _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata()));

        Assert.Contains("v<major>.<minor>.<patch>", e.Message, StringComparison.Ordinal);
        Assert.Empty(Registry().List());
    }

    [Fact]
    public async Task An_unknown_model_name_is_refused()
    {
        var e = await Assert.ThrowsAsync<InvalidModelException>(() =>
            Registry().RegisterAsync("price_oracle", "v1.0.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata()));

        Assert.Contains("price_oracle", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_artifact_is_refused_with_the_reason_and_changes_nothing()
    {
        var registry = Registry();
        await registry.RegisterAsync("signal_filter", "v1.0.5", _source.File("ok.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata());
        var indexBefore = File.ReadAllBytes(Path.Combine(_root.Path, "registry_index.json"));
        var bytes = XgboostFixture.ModelBytes("depth2_trees10");

        var e = await Assert.ThrowsAsync<InvalidModelException>(() =>
            registry.RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", bytes[..(bytes.Length / 2)]), ModelKind.XgboostJson, new ModelMetadata()));

        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
        Assert.Equal(indexBefore, File.ReadAllBytes(Path.Combine(_root.Path, "registry_index.json")));
        Assert.False(File.Exists(Path.Combine(_root.Path, "signal_filter", "v1.1.0_xgboost.json")));
        Assert.False(File.Exists(Path.Combine(_root.Path, "signal_filter", "metadata", "v1.1.0_metadata.json")));
    }

    [Fact]
    public async Task A_model_reading_a_feature_the_engine_cannot_supply_is_refused()
    {
        var json = Encoding.UTF8.GetString(XgboostFixture.ModelBytes("depth2_trees10")).Replace("\"rsi\"", "\"rsi_14\"", StringComparison.Ordinal);

        var e = await Assert.ThrowsAsync<InvalidModelException>(() =>
            Registry().RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", Encoding.UTF8.GetBytes(json)), ModelKind.XgboostJson, new ModelMetadata()));

        Assert.Contains("rsi_14", e.Message, StringComparison.Ordinal);
        Assert.Empty(Registry().List());
    }

    [Fact]
    public async Task Metadata_listing_other_features_than_the_model_reads_is_refused()
    {
        var metadata = new ModelMetadata { Features = ["momentum_score", "volatility"] };

        var e = await Assert.ThrowsAsync<InvalidModelException>(() =>
            Registry().RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, metadata));

        Assert.Contains("read but not listed", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5, null)]
    [InlineData(null, -0.1)]
    public async Task Metadata_scores_outside_zero_to_one_are_refused(double? auc, double? accuracy)
    {
        await Assert.ThrowsAsync<InvalidModelException>(() =>
            Registry().RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata { Auc = auc, Accuracy = accuracy }));
    }

    [Fact]
    public async Task A_kind_without_a_validator_is_refused()
    {
        var registry = new ModelRegistry(_root.Path, [new XgboostArtifactValidator()], new FixedTimeProvider(Now));

        var e = await Assert.ThrowsAsync<InvalidModelException>(() =>
            registry.RegisterAsync("signal_filter", "v1.0.0", _source.File("r.json", "{}"u8.ToArray()), ModelKind.RuleBased, new ModelMetadata()));

        Assert.Contains("RuleBased", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_source_file_is_refused_as_invalid()
    {
        var e = await Assert.ThrowsAsync<InvalidModelException>(() =>
            Registry().RegisterAsync("signal_filter", "v1.1.0", Path.Combine(_source.Path, "absent.json"), ModelKind.XgboostJson, new ModelMetadata()));

        Assert.Contains("absent.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_artifact_is_refused_at_load()
    {
        var registry = Registry();
        var entry = await registry.RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata());
        var stored = Path.Combine(_root.Path, entry.ArtifactPath);
        var text = File.ReadAllText(stored);
        File.WriteAllText(stored, text.Replace("\"base_score\":\"5E-1\"", "\"base_score\":\"9E-1\"", StringComparison.Ordinal));
        Assert.NotEqual(text, File.ReadAllText(stored));

        var e = Assert.Throws<ModelIntegrityException>(() => registry.LoadArtifact("signal_filter", "v1.1.0"));

        Assert.Contains("SHA-256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_artifact_file_is_reported_as_an_integrity_problem()
    {
        var registry = Registry();
        var entry = await registry.RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata());
        File.Delete(Path.Combine(_root.Path, entry.ArtifactPath));

        Assert.Throws<ModelIntegrityException>(() => registry.LoadArtifact("signal_filter", "v1.1.0"));
    }

    [Fact]
    public void Loading_an_unregistered_version_is_not_found()
    {
        Assert.Throws<ModelNotFoundException>(() => Registry().LoadArtifact("signal_filter", "v9.9.9"));
        Assert.Throws<ModelNotFoundException>(() => Registry().Get("signal_filter", "v9.9.9"));
    }

    [Fact]
    public async Task Versions_are_listed_per_model_in_numeric_order()
    {
        var registry = Registry();
        var source = _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10"));
        foreach (var version in new[] { "v1.10.0", "v1.2.0", "v1.9.3" })
        {
            await registry.RegisterAsync("signal_filter", version, source, ModelKind.XgboostJson, new ModelMetadata());
        }

        await registry.RegisterAsync("regime_classifier", "v1.0.0", _source.File("r.json", "{}"u8.ToArray()), ModelKind.RuleBased, new ModelMetadata());

        Assert.Equal(["v1.2.0", "v1.9.3", "v1.10.0"], registry.Versions("signal_filter").Select(e => e.Version));
        Assert.Equal(["regime_classifier", "signal_filter", "signal_filter", "signal_filter"], registry.List().Select(e => e.Name));
        Assert.Empty(new ModelRegistry(_source.Path + "-empty", [], new FixedTimeProvider(Now)).Versions("signal_filter"));
        Directory.Delete(_source.Path + "-empty");
    }

    [Fact]
    public void Versions_of_an_unknown_model_are_not_found()
    {
        Assert.Throws<ModelNotFoundException>(() => Registry().Versions("price_oracle"));
    }

    [Fact]
    public async Task Deleting_the_active_version_is_refused_and_keeps_it()
    {
        var registry = Registry();
        await registry.RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata());

        var e = await Assert.ThrowsAsync<ModelConflictException>(() => registry.DeleteAsync("signal_filter", "v1.1.0", (name, version) => version == "v1.1.0"));

        Assert.Contains("active", e.Message, StringComparison.Ordinal);
        Assert.NotNull(registry.LoadArtifact("signal_filter", "v1.1.0"));
    }

    [Fact]
    public async Task Deleting_an_inactive_version_removes_it_from_the_index_and_the_disk()
    {
        var registry = Registry();
        var source = _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10"));
        await registry.RegisterAsync("signal_filter", "v1.1.0", source, ModelKind.XgboostJson, new ModelMetadata());
        var doomed = await registry.RegisterAsync("signal_filter", "v1.2.0", source, ModelKind.XgboostJson, new ModelMetadata());

        await registry.DeleteAsync("signal_filter", "v1.2.0", (name, version) => version == "v1.1.0");

        Assert.Equal(["v1.1.0"], registry.Versions("signal_filter").Select(e => e.Version));
        Assert.False(File.Exists(Path.Combine(_root.Path, doomed.ArtifactPath)));
        Assert.False(File.Exists(Path.Combine(_root.Path, doomed.MetadataPath)));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => registry.DeleteAsync("signal_filter", "v1.2.0", (_, _) => false));
    }

    [Fact]
    public async Task Concurrent_registrations_from_two_registries_all_land_in_the_index()
    {
        var source = _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10"));
        ModelRegistry[] registries = [Registry(), Registry()];
        var versions = Enumerable.Range(0, 12).Select(i => $"v2.{i}.0").ToArray();

        await Task.WhenAll(versions.Select((version, i) => Task.Run(() =>
            registries[i % 2].RegisterAsync("signal_filter", version, source, ModelKind.XgboostJson, new ModelMetadata()))));

        Assert.Equal(versions.Order(StringComparer.Ordinal), Registry().Versions("signal_filter").Select(e => e.Version).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(_root.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_lock_held_by_another_process_makes_a_registration_wait_and_then_give_up_without_changes()
    {
        var registry = new ModelRegistry(_root.Path, Validators(), new FixedTimeProvider(Now), lockTimeout: TimeSpan.FromMilliseconds(200));
        using (new FileStream(Path.Combine(_root.Path, ".registry.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            await Assert.ThrowsAsync<ModelRegistryBusyException>(() =>
                registry.RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata()));
        }

        Assert.Empty(registry.List());
        await registry.RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata());
        Assert.Single(registry.List());
    }

    [Fact]
    public async Task A_registration_waiting_for_another_process_holds_no_thread_and_lands_once_the_lock_is_released()
    {
        var registry = new ModelRegistry(_root.Path, Validators(), new FixedTimeProvider(Now), lockTimeout: TimeSpan.FromSeconds(60));
        Task<RegistryEntry> registering;
        using (new FileStream(Path.Combine(_root.Path, ".registry.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            // A wait that blocked its thread would not return here before the lock is released or the 60 s are up.
            registering = registry.RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata());
            Assert.False(registering.IsCompleted);
            Assert.Empty(registry.List());
        }

        var entry = await registering.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("v1.1.0", Assert.Single(registry.List()).Version);
        Assert.Equal("v1.1.0", entry.Version);
    }

    [Fact]
    public async Task Files_left_by_a_crash_before_the_index_swap_do_not_block_registering_that_version()
    {
        var registry = Registry();
        await registry.RegisterAsync("signal_filter", "v1.0.5", _source.File("ok.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata());
        Directory.CreateDirectory(Path.Combine(_root.Path, "signal_filter"));
        File.WriteAllText(Path.Combine(_root.Path, "signal_filter", "v1.1.0_xgboost.json"), "half a fi");
        File.WriteAllText(Path.Combine(_root.Path, "registry_index.json.0123.tmp"), "{ \"format_");

        Assert.Throws<ModelNotFoundException>(() => registry.Get("signal_filter", "v1.1.0"));
        await registry.RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth4_trees60_base035")), ModelKind.XgboostJson, new ModelMetadata());

        Assert.Equal(XgboostFixture.ModelBytes("depth4_trees60_base035"), registry.LoadArtifact("signal_filter", "v1.1.0").Content.ToArray());
        Assert.Equal(2, registry.List().Count);
    }

    [Fact]
    public async Task An_unreadable_index_is_reported_instead_of_being_overwritten()
    {
        File.WriteAllText(Path.Combine(_root.Path, "registry_index.json"), "{ not json");

        Assert.Throws<ModelIntegrityException>(() => Registry().List());
        await Assert.ThrowsAsync<ModelIntegrityException>(() =>
            Registry().RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, new ModelMetadata()));
        Assert.Equal("{ not json", File.ReadAllText(Path.Combine(_root.Path, "registry_index.json")));
    }

    [Fact]
    public void An_index_entry_pointing_outside_the_registry_is_refused()
    {
        var outside = _source.File("outside.json", "{}"u8.ToArray());
        var index = new
        {
            format_version = 1,
            models = new[]
            {
                new
                {
                    name = "signal_filter", version = "v1.0.0", kind = "rule_based", artifact_path = "../" + Path.GetFileName(_source.Path) + "/outside.json",
                    sha256 = ModelRegistry.Sha256Of(File.ReadAllBytes(outside)), registered_at = Now, metadata_path = "signal_filter/metadata/v1.0.0_metadata.json",
                },
            },
        };
        File.WriteAllText(Path.Combine(_root.Path, "registry_index.json"), JsonSerializer.Serialize(index, ReflectionJson.Options));

        Assert.Throws<ModelIntegrityException>(() => Registry().LoadArtifact("signal_filter", "v1.0.0"));
    }

    [Fact]
    public async Task An_artifact_shipped_in_place_can_be_described_and_indexed()
    {
        Directory.CreateDirectory(Path.Combine(_root.Path, "regime_classifier", "metadata"));
        File.WriteAllText(Path.Combine(_root.Path, "regime_classifier", "v1.0.0_rule_based.json"), "{\"trend_threshold\": 0.6}");
        File.WriteAllText(
            Path.Combine(_root.Path, "regime_classifier", "metadata", "v1.0.0_metadata.json"),
            "{\"features\": [\"momentum_score\", \"volatility\"], \"training_date\": \"2025-12-22\", \"notes\": \"hand-tuned\"}");

        var described = ModelRegistry.DescribeExisting(_root.Path, "regime_classifier", "v1.0.0", ModelKind.RuleBased, Now);
        var indexed = await Registry().IndexExistingAsync("regime_classifier", "v1.0.0", ModelKind.RuleBased);

        Assert.Equal(described, indexed);
        Assert.Equal("regime_classifier/v1.0.0_rule_based.json", indexed.ArtifactPath);
        Assert.Equal("{\"trend_threshold\": 0.6}", Encoding.UTF8.GetString(Registry().LoadArtifact("regime_classifier", "v1.0.0").Content.Span));
        var metadata = Registry().LoadMetadata("regime_classifier", "v1.0.0");
        Assert.Equal("hand-tuned", metadata.Extra!["notes"].GetString());
    }

    [Fact]
    public async Task Free_form_metadata_fields_are_kept()
    {
        using var extra = JsonDocument.Parse("{\"dataset\": \"synthetic-4000\", \"params\": {\"max_depth\": 6}}");
        var metadata = new ModelMetadata
        {
            TrainingSamples = 4000,
            TrainingDate = "2026-11-23",
            FeatureImportance = new Dictionary<string, double> { ["rsi"] = 12.5 },
            Extra = extra.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        };
        await Registry().RegisterAsync("signal_filter", "v1.1.0", _source.File("m.json", XgboostFixture.ModelBytes("depth2_trees10")), ModelKind.XgboostJson, metadata);

        var stored = Registry().LoadMetadata("signal_filter", "v1.1.0");

        Assert.Equal("synthetic-4000", stored.Extra!["dataset"].GetString());
        Assert.Equal(6, stored.Extra["params"].GetProperty("max_depth").GetInt32());
        Assert.Equal(12.5, stored.FeatureImportance["rsi"]);
        Assert.Equal(4000, stored.TrainingSamples);
        using var raw = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_root.Path, "signal_filter", "metadata", "v1.1.0_metadata.json")));
        Assert.Equal("2026-11-23", raw.RootElement.GetProperty("training_date").GetString());
        Assert.Equal("synthetic-4000", raw.RootElement.GetProperty("dataset").GetString());
    }

    [Fact]
    public async Task The_training_scripts_model_and_metadata_register_as_written()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Registry", "Fixtures");
        var metadata = JsonSerializer.Deserialize<ModelMetadata>(
            File.ReadAllBytes(Path.Combine(fixtures, "signal_filter_v1.1.0_metadata.json")), RegistryJson.Options)!;

        var entry = await Registry().RegisterAsync("signal_filter", "v1.1.0", Path.Combine(fixtures, "signal_filter_v1.1.0.json"), ModelKind.XgboostJson, metadata);

        var stored = Registry().LoadMetadata(entry.Name, entry.Version);
        Assert.InRange(stored.Auc!.Value, 0.5, 1.0);
        Assert.Equal(16, stored.FeatureImportance.Count);
        Assert.Equal(2000, stored.TrainingSamples);
        Assert.Equal(3, stored.Extra!["params"].GetProperty("max_depth").GetInt32());
    }

    private ModelRegistry Registry() => new(_root.Path, Validators(), new FixedTimeProvider(Now));

    private static IModelArtifactValidator[] Validators() => [new XgboostArtifactValidator(), new LightgbmArtifactValidator(), new AcceptingRuleBasedValidator()];
}
