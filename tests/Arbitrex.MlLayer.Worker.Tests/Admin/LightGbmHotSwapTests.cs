using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Training;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary>
/// A LightGBM model trained by the train verb and one written by the native library, each registered over HTTP,
/// activated in turn by <c>PUT /config</c> while <c>/predict</c> decisions flow: no decision fails, each names one
/// of the two versions with that version's configuration, and each carries TreeSHAP's five top features.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LightGbmHotSwapTests : IDisposable
{
    private const string Key = "lightgbm-key";
    private const int Swaps = 6;

    private static readonly string NativeFixture = Path.Combine(
        RepoPaths.Root, "tests", "Arbitrex.MlLayer.Core.Tests", "Models", "LightGbm", "Fixtures", "default_31_leaves.model.txt.gz");

    private static readonly string TrainingData = Path.Combine(RepoPaths.Root, "tools", "training", "sample_bars.csv");

    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;
    private readonly string _incoming;

    public LightGbmHotSwapTests()
    {
        // Decisions flow as fast as the two callers can ask, above /predict's default per-caller rate limit.
        _factory = new AdminApiFactory(_state.Path, Key, new Dictionary<string, string?> { ["Admin:PredictRateLimit"] = "0" });
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

    [Fact]
    public async Task A_trained_and_a_native_lightgbm_model_swap_under_flowing_decisions_without_a_failed_or_mixed_one()
    {
        var trainedFolder = Path.Combine(_incoming, "trained");
        new ModelTrainer(NullLogger<ModelTrainer>.Instance, TimeProvider.System).Train(TrainingData, trainedFolder, new TrainingOptions { Trees = 30 });
        var nativePath = Path.Combine(_incoming, "native_31_leaves.txt");
        using (var source = new GZipStream(File.OpenRead(NativeFixture), CompressionMode.Decompress))
        using (var target = File.Create(nativePath))
        {
            source.CopyTo(target);
        }

        var trained = await RegisterAsync("v3.0.0", Path.Combine(trainedFolder, ModelTrainer.ModelFileName));
        var native = await RegisterAsync("v3.1.0", nativePath);
        Assert.Equal(HttpStatusCode.Created, trained.StatusCode);
        Assert.Equal(HttpStatusCode.Created, native.StatusCode);
        Assert.Equal("lightgbm", (await native.Content.ReadFromJsonAsync<JsonObject>())!["kind"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await ActivateAsync("v3.0.0")).StatusCode);

        var decisions = new ConcurrentBag<(HttpStatusCode Status, JsonNode? Prediction)>();
        using var stop = new CancellationTokenSource();
        var flows = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await _client.PostAsync("/predict", new StringContent(PredictBodies.Predict().ToJsonString(), Encoding.UTF8, "application/json"));
                var body = await response.Content.ReadFromJsonAsync<JsonObject>();
                decisions.Add((response.StatusCode, body?["prediction"]));
            }
        })).ToArray();

        var activations = new List<HttpStatusCode>();
        for (var swap = 0; swap < Swaps; swap++)
        {
            await WaitForDecisionsAsync(decisions, decisions.Count + 5);
            activations.Add((await ActivateAsync(swap % 2 == 0 ? "v3.1.0" : "v3.0.0")).StatusCode);
        }

        await WaitForDecisionsAsync(decisions, decisions.Count + 5);
        await stop.CancelAsync();
        await Task.WhenAll(flows);

        Assert.All(activations, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(decisions, d => Assert.Equal(HttpStatusCode.OK, d.Status));
        var served = decisions.Select(d => (
            Version: d.Prediction!["model_versions"]!["signal_filter"]!.GetValue<string>(),
            ConfigHash: d.Prediction["config_hash"]!.GetValue<string>(),
            TopFeatures: d.Prediction["signal"]!["top_features"]!.AsArray().Count)).ToList();
        Assert.Equal(["v3.0.0", "v3.1.0"], served.Select(s => s.Version).Distinct().Order());
        Assert.All(served, s => Assert.Equal(5, s.TopFeatures));

        // A configuration serves one version only: a decision never pairs one model with the other's configuration.
        Assert.All(served.GroupBy(s => s.ConfigHash), g => Assert.Single(g.Select(s => s.Version).Distinct()));
    }

    private Task<HttpResponseMessage> RegisterAsync(string version, string modelPath) =>
        _client.PostAsync("/models/register", new StringContent(new JsonObject
        {
            ["model_name"] = "signal_filter",
            ["version"] = version,
            ["model_path"] = modelPath,
            ["metadata"] = new JsonObject { ["owner"] = "quant-team" },
        }.ToJsonString(), Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> ActivateAsync(string version) =>
        _client.PutAsync("/config", new StringContent(
            $$$"""{"signal_filter":{"use_ml_model":true},"model":{"signal_filter_version":"{{{version}}}"}}""", Encoding.UTF8, "application/json"));

    private static async Task WaitForDecisionsAsync(ConcurrentBag<(HttpStatusCode, JsonNode?)> decisions, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (decisions.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
