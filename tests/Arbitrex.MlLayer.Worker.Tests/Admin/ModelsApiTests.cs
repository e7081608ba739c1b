using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Configuration;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

[Trait("Category", "Integration")]
public sealed class ModelsApiTests : IDisposable
{
    private const string Key = "models-key";
    private static readonly string FixtureModel = Path.Combine(RepoPaths.Root, "tests", "Arbitrex.MlLayer.Core.Tests", "Models", "Xgboost", "Fixtures", "depth6_trees100.model.json.gz");

    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;
    private readonly string _incoming;

    public ModelsApiTests()
    {
        _factory = new AdminApiFactory(_state.Path, Key);
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        _incoming = Path.Combine(_state.Path, "incoming");
        Directory.CreateDirectory(_incoming);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _state.Dispose();
    }

    private string StageTrainedModel(string fileName = "signal_filter_v2.json")
    {
        var path = Path.Combine(_incoming, fileName);
        using var source = new GZipStream(File.OpenRead(FixtureModel), CompressionMode.Decompress);
        using var target = File.Create(path);
        source.CopyTo(target);
        return path;
    }

    private Task<HttpResponseMessage> RegisterAsync(string version, string modelPath, string name = "signal_filter") =>
        _client.PostAsync("/models/register", new StringContent(new JsonObject
        {
            ["model_name"] = name,
            ["version"] = version,
            ["model_path"] = modelPath,
            ["metadata"] = new JsonObject { ["auc"] = 0.58, ["accuracy"] = 0.54, ["training_samples"] = 5000, ["training_date"] = "2025-12-22", ["owner"] = "quant-team" },
        }.ToJsonString(), Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PutConfigAsync(string body) =>
        _client.PutAsync("/config", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<JsonNode> PredictAsync() =>
        (await (await _client.PostAsync("/predict", new StringContent(PredictBodies.Predict().ToJsonString(), Encoding.UTF8, "application/json"))).Content.ReadFromJsonAsync<JsonObject>())!["prediction"]!;

    [Fact]
    public async Task List_shows_the_shipped_rule_based_models_and_the_active_versions()
    {
        var list = await _client.GetFromJsonAsync<JsonObject>("/models/list");

        Assert.Equal(2, list!["models"]!.AsArray().Count);
        Assert.Equal("v1.0.0_rule_based", list["active"]!["signal_filter"]!.GetValue<string>());
        Assert.All(list["models"]!.AsArray(), m => Assert.Equal("rule_based", m!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Register_activate_predict_and_switch_back_without_restart()
    {
        var path = StageTrainedModel();

        var registered = await RegisterAsync("v2.0.0", path);
        var activate = await PutConfigAsync("""{"signal_filter":{"use_ml_model":true},"model":{"signal_filter_version":"v2.0.0"}}""");
        var trained = await PredictAsync();
        var back = await PutConfigAsync("""{"signal_filter":{"use_ml_model":false},"model":{"signal_filter_version":"v1.0.0"}}""");
        var ruleBased = await PredictAsync();

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("xgboost_json", (await registered.Content.ReadFromJsonAsync<JsonObject>())!["kind"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, activate.StatusCode);
        Assert.Equal("v2.0.0", trained["model_versions"]!["signal_filter"]!.GetValue<string>());
        Assert.Equal(5, trained["signal"]!["top_features"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("v1.0.0_rule_based", ruleBased["model_versions"]!["signal_filter"]!.GetValue<string>());
        Assert.NotEqual(trained["config_hash"]!.GetValue<string>(), ruleBased["config_hash"]!.GetValue<string>());
        var versions = await _client.GetFromJsonAsync<JsonObject>("/models/signal_filter/versions");
        Assert.Equal(["v1.0.0_rule_based", "v2.0.0"], versions!["models"]!.AsArray().Select(m => m!["version"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task The_seed_register_body_with_a_feature_count_registers_and_its_metadata_is_returned_as_given()
    {
        StageTrainedModel("signal_filter_v1.pkl");
        var body = """
            {
              "model_name": "signal_filter",
              "version": "v9.0.0",
              "model_path": "signal_filter_v1.pkl",
              "metadata": {
                "auc": 0.58,
                "accuracy": 0.54,
                "features": 16,
                "training_samples": 5000,
                "desk": {"owner": "quant-team", "tickets": [7, 9]}
              }
            }
            """;

        var registered = await _client.PostAsync("/models/register", new StringContent(body, Encoding.UTF8, "application/json"));
        var version = await _client.GetFromJsonAsync<JsonObject>("/models/signal_filter/v9.0.0");
        var unknown = await _client.GetAsync("/models/signal_filter/v9.9.9");

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var metadata = version!["metadata"]!;
        Assert.Equal(16, metadata["feature_count"]!.GetValue<int>());
        Assert.Equal(16, metadata["features"]!.AsArray().Count);
        Assert.Equal(5000, metadata["training_samples"]!.GetValue<long>());
        Assert.Equal("""{"owner":"quant-team","tickets":[7,9]}""", metadata["desk"]!.ToJsonString());
        Assert.Equal("xgboost_json", version["model"]!["kind"]!.GetValue<string>());
        Assert.False(version["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_feature_count_that_disagrees_with_the_artifact_is_refused_naming_metadata_features()
    {
        StageTrainedModel("signal_filter_v1.pkl");
        var body = """{"model_name":"signal_filter","version":"v9.0.0","model_path":"signal_filter_v1.pkl","metadata":{"features":12}}""";

        var refused = await _client.PostAsync("/models/register", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("reads 16", problem["errors"]!["metadata.features"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trained_model_without_explanations_gives_the_same_probability_and_no_top_features()
    {
        await RegisterAsync("v2.0.0", StageTrainedModel());
        await PutConfigAsync("""{"signal_filter":{"use_ml_model":true},"model":{"signal_filter_version":"v2.0.0"}}""");
        var explained = await PredictAsync();

        var change = await PutConfigAsync("""{"signal_filter":{"use_ml_model":true,"explain_top_features":false},"model":{"signal_filter_version":"v2.0.0"}}""");
        var unexplained = await PredictAsync();

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(5, explained["signal"]!["top_features"]!.AsArray().Count);
        Assert.Empty(unexplained["signal"]!["top_features"]!.AsArray());
        Assert.Equal(explained["signal"]!["success_probability"]!.GetValue<double>(), unexplained["signal"]!["success_probability"]!.GetValue<double>());
        Assert.Equal(explained["allow_trade"]!.GetValue<bool>(), unexplained["allow_trade"]!.GetValue<bool>());
        Assert.NotEqual(explained["config_hash"]!.GetValue<string>(), unexplained["config_hash"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_corrupt_artifact_is_refused_and_changes_nothing()
    {
        var path = Path.Combine(_incoming, "broken.json");
        await File.WriteAllTextAsync(path, """{"learner": {"gradient_booster": """);

        var response = await RegisterAsync("v2.0.0", path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["model_path"]);
        Assert.Equal(2, (await _client.GetFromJsonAsync<JsonObject>("/models/list"))!["models"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_model_reading_unknown_features_is_refused()
    {
        var path = StageTrainedModel();
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        json["learner"]!["feature_names"]![0] = "moon_phase";
        await File.WriteAllTextAsync(path, json.ToJsonString());

        var response = await RegisterAsync("v2.0.0", path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("moon_phase", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_artifact_cannot_be_activated_and_the_active_model_keeps_serving()
    {
        await RegisterAsync("v2.0.0", StageTrainedModel());
        var stored = Path.Combine(_state.Path, "models", "signal_filter", "v2.0.0_xgboost.json");
        await File.AppendAllTextAsync(stored, " ");

        var activate = await PutConfigAsync("""{"signal_filter":{"use_ml_model":true},"model":{"signal_filter_version":"v2.0.0"}}""");
        var decision = await PredictAsync();

        Assert.Equal(HttpStatusCode.BadRequest, activate.StatusCode);
        Assert.NotNull((await activate.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["model.signal_filter_version"]);
        Assert.Equal("v1.0.0_rule_based", decision["model_versions"]!["signal_filter"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_duplicate_version_is_a_conflict()
    {
        await RegisterAsync("v2.0.0", StageTrainedModel());

        var again = await RegisterAsync("v2.0.0", StageTrainedModel("again.json"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Register_and_delete_are_recorded_in_the_chained_change_log_with_caller_and_before_and_after()
    {
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync("v2.0.0", StageTrainedModel())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.DeleteAsync("/models/signal_filter/v2.0.0")).StatusCode);

        var changeLog = Path.Combine(_state.Path, "config_changes.jsonl");
        var records = File.ReadAllLines(changeLog).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(["model.register", "model.delete"], records.Select(r => r["action"]!.GetValue<string>()));
        Assert.All(records, r => Assert.Equal(AdminCaller.KeyId(Key), r["changed_by"]!.GetValue<string>()));
        Assert.All(records, r => Assert.Equal("signal_filter/v2.0.0", r["target"]!.GetValue<string>()));
        Assert.Null(records[0]["before"]);
        Assert.Equal("v2.0.0", records[0]["after"]!["version"]!.GetValue<string>());
        Assert.Equal("v2.0.0", records[1]["before"]!["version"]!.GetValue<string>());
        Assert.Null(records[1]["after"]);
        Assert.True(AuditChainVerifier.VerifyChangeLog(changeLog).IsIntact);
    }

    [Theory]
    [InlineData("../models/signal_filter/v1.0.0_rule_based.json")]
    [InlineData("/etc/passwd")]
    [InlineData("incoming/../../runtime_config.json")]
    public async Task Paths_outside_the_import_folder_are_refused(string modelPath)
    {
        var response = await RegisterAsync("v2.0.0", modelPath);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["model_path"]);
    }

    [Theory]
    [InlineData("signal_filter_v2.json\u0000.txt")]
    [InlineData("\u0000")]
    [InlineData("incoming/v2\n.json")]
    [InlineData("v2\u001b.json")]
    public async Task A_path_with_a_nul_or_control_character_is_refused_naming_model_path(string modelPath)
    {
        var response = await RegisterAsync("v2.0.0", modelPath);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["model_path"]);
    }

    [Fact]
    public async Task A_relative_path_to_a_file_outside_the_import_folder_says_so_instead_of_no_file()
    {
        var outside = Path.GetRelativePath(Environment.CurrentDirectory, StageTrainedModel());
        File.Move(Path.GetFullPath(outside), Path.Combine(_state.Path, "trained.json"));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(_state.Path, "trained.json"));

        var response = await RegisterAsync("v2.0.0", relative);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["model_path"]![0]!.GetValue<string>();
        Assert.Contains("is a file outside the import folder", detail, StringComparison.Ordinal);
        Assert.Contains("copy it into that folder", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_import_folder_is_refused()
    {
        var outside = StageTrainedModel();
        var moved = Path.Combine(_state.Path, "outside.json");
        File.Move(outside, moved);
        File.CreateSymbolicLink(Path.Combine(_incoming, "link.json"), moved);

        var response = await RegisterAsync("v2.0.0", "link.json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("symbolic link", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_active_version_is_refused_and_an_inactive_one_is_removed()
    {
        await RegisterAsync("v2.0.0", StageTrainedModel());

        var active = await _client.DeleteAsync("/models/signal_filter/v1.0.0_rule_based");
        var inactive = await _client.DeleteAsync("/models/signal_filter/v2.0.0");
        var missing = await _client.DeleteAsync("/models/signal_filter/v9.9.9");

        Assert.Equal(HttpStatusCode.Conflict, active.StatusCode);
        Assert.Equal(HttpStatusCode.OK, inactive.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_delete_waits_for_a_config_change_in_progress_and_checks_the_versions_it_leaves_active()
    {
        await RegisterAsync("v2.0.0", StageTrainedModel());
        var configs = _factory.Services.GetRequiredService<RuntimeConfigService>();
        var swapped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        configs.Changed += config =>
        {
            if (config.Model.SignalFilterVersion == "v2.0.0")
            {
                swapped.SetResult();
                release.Task.Wait(TimeSpan.FromSeconds(20));
                throw new IOException("the change fails after v2.0.0 was swapped in");
            }
        };

        // Activating v2.0.0 swaps it in, then fails, and the rollback makes v1.0.0_rule_based active again.
        var change = Task.Run(() => PutConfigAsync("""{"signal_filter":{"use_ml_model":true},"model":{"signal_filter_version":"v2.0.0"}}"""));
        await swapped.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var delete = Task.Run(() => _client.DeleteAsync("/models/signal_filter/v1.0.0_rule_based"));

        // Unguarded, the delete would find v2.0.0 running and remove v1.0.0_rule_based meanwhile.
        await Task.WhenAny(delete, Task.Delay(500));
        release.SetResult();

        Assert.Equal(HttpStatusCode.InternalServerError, (await change).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await delete).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/models/signal_filter/versions")).StatusCode);
        Assert.Contains("v1.0.0_rule_based", await _client.GetStringAsync("/models/signal_filter/versions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_of_an_unknown_model_is_not_found()
    {
        var response = await _client.GetAsync("/models/price_oracle/versions");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Registering_needs_the_api_key()
    {
        using var anonymous = _factory.CreateClient();

        var response = await anonymous.PostAsync("/models/register", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("momentum_model", "v2.0.0", "model_name")]
    [InlineData("signal_filter", "2.0", "version")]
    public async Task A_bad_name_or_version_is_refused_naming_that_field(string name, string version, string field)
    {
        var response = await RegisterAsync(version, StageTrainedModel(), name);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
    }

    [Fact]
    public async Task A_bad_metadata_value_is_refused_naming_that_key()
    {
        var response = await _client.PostAsync("/models/register", new StringContent(new JsonObject
        {
            ["model_name"] = "signal_filter",
            ["version"] = "v2.0.0",
            ["model_path"] = StageTrainedModel(),
            ["metadata"] = new JsonObject { ["auc"] = 1.5 },
        }.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["metadata.auc"]);
    }

    [Fact]
    public async Task A_registry_held_by_another_process_answers_503_for_register_and_delete()
    {
        await RegisterAsync("v2.0.0", StageTrainedModel());
        var root = Path.Combine(_state.Path, "models");
        // A second host beside the first: its own audit folder, since one audit writer holds a folder.
        using var impatient = _factory.WithWebHostBuilder(b => b
            .UseSetting("Audit:Directory", Path.Combine(_state.Path, "audit-impatient"))
            .ConfigureTestServices(services => services.AddSingleton(sp => new ModelRegistry(
                root, sp.GetServices<IModelArtifactValidator>(), TimeProvider.System, lockTimeout: TimeSpan.FromMilliseconds(200)))));
        using var client = impatient.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        // Another process's registration: the OS lock on the registry's lock file.
        using (new FileStream(Path.Combine(root, ".registry.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var register = await client.PostAsync("/models/register", new StringContent(new JsonObject
            {
                ["model_name"] = "signal_filter",
                ["version"] = "v3.0.0",
                ["model_path"] = StageTrainedModel("v3.json"),
            }.ToJsonString(), Encoding.UTF8, "application/json"));
            var delete = await client.DeleteAsync("/models/signal_filter/v2.0.0");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, register.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, delete.StatusCode);
            Assert.Equal("application/problem+json", delete.Content.Headers.ContentType!.MediaType);
        }
    }
}
