using Arbitrex.MlLayer.Core.Audit;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

[Trait("Category", "Unit")]
public sealed class AuditReplayCommandTests
{
    [Fact]
    public async Task Replaying_under_the_same_engine_exits_zero()
    {
        using var dir = new TempDirectory();
        await AuditReplayTests.LogDecisionsAsync(dir.Path);
        using var output = new StringWriter();

        var exit = AuditReplayCommand.Run(dir.Path, new ThresholdEngine(0.5), output);

        Assert.Equal(0, exit);
        Assert.Equal(
            "replayed 100 of 102 decisions: 0 would change (allow_trade 0, regime 0, reasons 0); 2 not replayable (fail-closed, no inputs logged); 0 refused by the engine",
            output.ToString().Trim());
    }

    [Fact]
    public async Task Changed_decisions_exit_one_and_are_listed()
    {
        using var dir = new TempDirectory();
        await AuditReplayTests.LogDecisionsAsync(dir.Path);
        using var output = new StringWriter();

        var exit = AuditReplayCommand.Run(dir.Path, new ThresholdEngine(0.7), output, maxListed: 2);

        Assert.Equal(1, exit);
        var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.StartsWith("replayed 100 of 102 decisions: 90 would change (allow_trade 18, regime 0, reasons 90)", lines[0], StringComparison.Ordinal);
        Assert.Equal(
            "  #1 EURUSD-4H-2025122216 EURUSD 4H 2025-12-22T16:00:00Z: allow_trade false -> false; regime RANGING -> RANGING; signal_prob 0.01 -> 0.01; reasons [Signal probability 0.01 <= 0.5] -> [Signal probability 0.01 <= 0.7]",
            lines[1]);
        Assert.StartsWith("  #2 ", lines[2], StringComparison.Ordinal);
        Assert.Equal("  ... and 88 more", lines[3]);
    }

    [Fact]
    public void A_missing_path_exits_two()
    {
        using var output = new StringWriter();

        var exit = AuditReplayCommand.Run("/nonexistent/audit", new ThresholdEngine(0.5), output);

        Assert.Equal(2, exit);
        Assert.StartsWith("audit replay: No audit file or folder", output.ToString(), StringComparison.Ordinal);
    }
}
