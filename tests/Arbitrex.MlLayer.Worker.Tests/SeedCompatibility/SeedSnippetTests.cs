using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.SeedCompatibility;

/// <summary>
/// The seed documents' own request bodies and client code (copied verbatim into <c>Snippets/</c>) run against a real
/// worker process. Only the address changes: <c>http://localhost:8003</c> becomes the test worker's port. The seed's
/// in-process Python API is a thin REST client (<c>client/arbitrex/ml_layer</c>) so its snippets run as written.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Worker", "Process")]
public sealed class SeedSnippetTests
{
    private const string SeedAddress = "http://localhost:8003";
    private static readonly string Here = Path.Combine(RepoPaths.Root, "tests", "Arbitrex.MlLayer.Worker.Tests", "SeedCompatibility");
    private static readonly string TrainedModel = Path.Combine(RepoPaths.Root, "tests", "Arbitrex.MlLayer.Core.Tests", "Models", "Xgboost", "Fixtures", "depth6_trees100.model.json.gz");
    private static readonly TimeSpan SnippetTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void Every_snippet_is_still_word_for_word_in_the_seed_documents()
    {
        var seeds = Path.Combine(RepoPaths.Root, "..", "shared", "seeds");
        Assert.True(Directory.Exists(seeds), $"the seed documents are expected beside the repository, at {seeds}");
        var text = string.Concat(Directory.GetFiles(seeds, "*.txt").Select(File.ReadAllText));

        Assert.All(Directory.GetFiles(Path.Combine(Here, "Snippets")), snippet =>
            Assert.True(text.Contains(File.ReadAllText(snippet), StringComparison.Ordinal), $"{Path.GetFileName(snippet)} is not in the seeds as written"));
    }

    [Fact]
    public async Task The_quick_start_and_monitoring_snippets_run_as_written()
    {
        // The audit snippet reads logs/ml_layer/predictions.jsonl from where it runs, as the seed's layout has it.
        using var analysisFolder = new TempDirectory();
        // The sample feed gives the live decision history the seed's client reads; ad-hoc /predict calls are what-ifs
        // that are audited but kept out of the live figures.
        await using var worker = await WorkerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Audit:Directory"] = Path.Combine(analysisFolder.Path, "logs", "ml_layer"),
            ["Bus:SampleFeed:Enabled"] = "true",
            ["Bus:SampleFeed:HistoryBars"] = "30",
        });
        Stage(Path.Combine(worker.StateDirectory, "incoming", "models", "signal_filter_trained.pkl"));

        var predicted = await RunAsync(worker, "quick_start_predict.py");
        Assert.Contains("Regime: TRENDING", predicted, StringComparison.Ordinal);
        Assert.Contains("Allowed: True", predicted, StringComparison.Ordinal);

        var metrics = JsonNode.Parse(await RunAsync(worker, "quick_start_metrics.sh"))!;
        Assert.NotNull(metrics["avg_processing_time_ms"]);
        Assert.NotNull(metrics["allow_rate"]);

        await RunAsync(worker, "quick_start_register.py");
        using var client = worker.CreateClient();
        var registered = await client.GetFromJsonAsync<JsonObject>("/models/signal_filter/v1.0.0");
        Assert.Equal("xgboost_json", registered!["model"]!["kind"]!.GetValue<string>());
        Assert.Equal("2025-12-22", registered["metadata"]!["training_date"]!.GetValue<string>());

        var monitored = await RunAsync(worker, "monitor_metrics.py");
        Assert.Matches(@"Allow rate: \d+\.\d%", monitored);
        Assert.Matches(@"Avg latency: \d+\.\d\dms", monitored);

        await RunAsync(worker, "custom_alert_rule.py");
        var alerts = await client.GetFromJsonAsync<JsonObject>("/alerts");
        var rule = alerts!["rules"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "very_low_probability")!;
        Assert.Equal("avg_signal_prob", rule["metric"]!.GetValue<string>());
        Assert.Equal(30, rule["window_minutes"]!.GetValue<int>());

        var history = await RunAsync(worker, "decision_history.py");
        Assert.Matches(@"(?m)^[A-Z]{6}\s+\| (TRENDING|RANGING|STRESSED)\s*\| P=0\.\d{3} \| ", history);

        var analysis = await RunAsync(worker, "audit_analysis.py", workingDirectory: analysisFolder.Path);
        Assert.Contains("processing_time_ms", analysis, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}-\d{2}-\d{2}\s+\d+\s+\d+\s+[01]\.\d+", analysis);
    }

    [Fact]
    public async Task The_model_registration_workflow_registers_activates_and_serves_the_trained_model()
    {
        await using var worker = await WorkerProcess.StartAsync();
        Stage(Path.Combine(worker.StateDirectory, "incoming", "signal_filter_v1.pkl"));

        var registered = JsonNode.Parse(await RunAsync(worker, "workflow_register.sh"))!;
        var configured = JsonNode.Parse(await RunAsync(worker, "workflow_config.sh"))!;
        var listed = JsonNode.Parse(await RunAsync(worker, "workflow_verify.sh"))!;
        await RunAsync(worker, "quick_start_predict.py");

        Assert.Equal("v1.0.0", registered["version"]!.GetValue<string>());
        Assert.Equal("v1.0.0", configured["config"]!["model"]!["signal_filter_version"]!.GetValue<string>());
        Assert.Equal("v1.0.0", listed["active"]!["signal_filter"]!.GetValue<string>());
        using var client = worker.CreateClient();
        using var body = new StringContent(File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "http", "predict.json")), System.Text.Encoding.UTF8, "application/json");
        var decision = (await (await client.PostAsync("/predict", body)).Content.ReadFromJsonAsync<JsonObject>())!["prediction"]!;
        Assert.Equal("v1.0.0", decision["model_versions"]!["signal_filter"]!.GetValue<string>());
        Assert.Equal(5, decision["signal"]!["top_features"]!.AsArray().Count);
    }

    private static void Stage(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var source = new GZipStream(File.OpenRead(TrainedModel), CompressionMode.Decompress);
        using var target = File.Create(path);
        source.CopyTo(target);
    }

    private static async Task<string> RunAsync(WorkerProcess worker, string snippet, string? workingDirectory = null)
    {
        var address = worker.BaseAddress.ToString().TrimEnd('/');
        var code = File.ReadAllText(Path.Combine(Here, "Snippets", snippet)).Replace(SeedAddress, address, StringComparison.Ordinal);
        var python = snippet.EndsWith(".py", StringComparison.Ordinal);
        var start = new ProcessStartInfo(python ? "/usr/bin/python3" : "bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? worker.StateDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(python ? File.ReadAllText(Path.Combine(Here, "client", "prelude.py")) + "\n" + code : code);
        start.Environment["PYTHONPATH"] = Path.Combine(Here, "client");
        start.Environment["ML_LAYER_URL"] = address;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(SnippetTimeout);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{snippet} exited {process.ExitCode}: {await stderr}\n{await stdout}\nworker:\n{worker.Output}");
        return await stdout;
    }
}
