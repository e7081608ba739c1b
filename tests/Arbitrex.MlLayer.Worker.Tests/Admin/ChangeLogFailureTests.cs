using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary>
/// Model register and delete when the change log (<c>config_changes.jsonl</c>) cannot be written: on a real full disk
/// (a small tmpfs holding the runtime config folder), and with the log's path taken by a folder. The change is not
/// made, the answer is 503 naming the reason, the chained log stays valid, and the same call succeeds afterwards.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ChangeLogFailureTests : IDisposable
{
    private const string Key = "changelog-key";
    private static readonly string FixtureModel = Path.Combine(RepoPaths.Root, "tests", "Arbitrex.MlLayer.Core.Tests", "Models", "Xgboost", "Fixtures", "depth6_trees100.model.json.gz");

    private readonly TempDirectory _state = new();

    public void Dispose() => _state.Dispose();

    private string StageTrainedModel()
    {
        var incoming = Path.Combine(_state.Path, "incoming");
        Directory.CreateDirectory(incoming);
        var path = Path.Combine(incoming, "signal_filter_v2.json");
        using var source = new GZipStream(File.OpenRead(FixtureModel), CompressionMode.Decompress);
        using var target = File.Create(path);
        source.CopyTo(target);
        return path;
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string modelPath) =>
        client.PostAsync("/models/register", new StringContent(new JsonObject
        {
            ["model_name"] = "signal_filter",
            ["version"] = "v2.0.0",
            ["model_path"] = modelPath,
        }.ToJsonString(), Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Register_and_delete_that_the_change_log_cannot_record_are_not_made_and_answer_503_naming_the_reason()
    {
        using var disk = TmpfsFolder.TryMount("256k", out var whyNot);
        Assert.True(disk is not null, whyNot);
        using var factory = new AdminApiFactory(_state.Path, Key, new Dictionary<string, string?> { ["Admin:RuntimeConfigFile"] = Path.Combine(disk.Path, "runtime_config.json") });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var model = StageTrainedModel();
        var changeLog = Path.Combine(disk.Path, ChangeLogFile.FileName);

        // Register while the disk is full: refused, and the version is not in the registry.
        var filler = disk.Fill();
        using var refusedRegister = await RegisterAsync(client, model);
        var registerProblem = (await refusedRegister.Content.ReadFromJsonAsync<JsonObject>())!;
        using var afterRefusedRegister = await client.GetAsync("/models/signal_filter/v2.0.0");
        File.Delete(filler);

        // With space, it registers; then delete while the log cannot be opened (a full disk would still let the next
        // line into the slack of the log's last page): refused, and the version is still there.
        using var registered = await RegisterAsync(client, model);
        File.Move(changeLog, changeLog + ".aside");
        Directory.CreateDirectory(changeLog);
        using var refusedDelete = await client.DeleteAsync("/models/signal_filter/v2.0.0");
        var deleteProblem = (await refusedDelete.Content.ReadFromJsonAsync<JsonObject>())!;
        using var afterRefusedDelete = await client.GetAsync("/models/signal_filter/v2.0.0");
        Directory.Delete(changeLog);
        File.Move(changeLog + ".aside", changeLog);
        using var deleted = await client.DeleteAsync("/models/signal_filter/v2.0.0");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedRegister.StatusCode);
        Assert.Contains("was not registered: the change log could not record it", registerProblem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, afterRefusedRegister.StatusCode);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedDelete.StatusCode);
        Assert.Contains("was not deleted: the change log could not record it", deleteProblem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterRefusedDelete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var actions = File.ReadAllLines(changeLog).Select(l => JsonNode.Parse(l)!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["model.register", "model.delete"], actions);
        Assert.True(AuditChainVerifier.VerifyChangeLog(changeLog).IsIntact);
    }
}
