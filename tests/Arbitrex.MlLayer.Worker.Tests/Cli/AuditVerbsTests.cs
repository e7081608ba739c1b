using Arbitrex.MlLayer.Worker.Cli;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class AuditVerbsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Replay_with_a_config_that_gives_a_key_twice_exits_with_usage_naming_the_key()
    {
        var config = Path.Combine(_dir.Path, "candidate.json");
        File.WriteAllText(config, """{"decision":{"min_signal_probability":0.6},"decision":{"min_regime_confidence":0.7}}""");
        using var output = new StringWriter();

        var exit = AuditVerbs.TryRun(
            ["audit", "replay", Path.Combine(_dir.Path, "predictions.jsonl"), "--config", config, $"--Admin:RuntimeConfigFile={Path.Combine(_dir.Path, "none.json")}"],
            output);

        Assert.Equal(AuditVerbs.ExitUsage, exit);
        Assert.Contains("decision: is given more than once", output.ToString(), StringComparison.Ordinal);
    }
}
