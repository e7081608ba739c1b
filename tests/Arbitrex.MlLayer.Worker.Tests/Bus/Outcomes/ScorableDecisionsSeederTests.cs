using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Outcomes;

[Trait("Category", "Unit")]
public sealed class ScorableDecisionsSeederTests
{
    private static readonly DeterministicEngine Engine = new();

    private static AuditedOutcome Audited(string symbol, int bar) => new()
    {
        DecisionId = Bars.Id(symbol, bar),
        Symbol = symbol,
        Timeframe = "4H",
        BarTime = Bars.Start.AddHours(4 * bar),
        Success = true,
        SignalProb = 0.6,
        Allowed = false,
        Regime = "TRENDING",
        ModelVersions = new Dictionary<string, string> { ["signal_filter"] = "test" },
        ConfigHash = "0123456789abcdef",
    };

    [Fact]
    public async Task Remembers_the_bus_decisions_and_which_already_have_their_outcome()
    {
        using var dir = new TempDirectory();
        var audit = Options.Create(new AuditOptions { Directory = dir.Path });
        await using (var writer = new AuditLogWriter(audit, TimeProvider.System, NullLogger<AuditLogWriter>.Instance))
        {
            await writer.AppendAsync(Engine.FailClosed("EURUSD", "4H", Bars.Start, "Join timeout"), null, null, DecisionSource.Bus);
            await writer.AppendAsync(Engine.FailClosed("EURUSD", "4H", Bars.Start.AddHours(4), "Join timeout"), null, null, DecisionSource.Bus);
            await writer.AppendAsync(Engine.FailClosed("GBPUSD", "4H", Bars.Start, "what-if"), null, null, DecisionSource.Http);
            await writer.AppendEventAsync(AuditRecordTypes.Outcome, Audited("EURUSD", 0));
        }

        var decisions = new ScorableDecisions(100);
        await new ScorableDecisionsSeeder(decisions, audit, NullLogger<ScorableDecisionsSeeder>.Instance).StartAsync(CancellationToken.None);

        Assert.Equal(2, decisions.Count);
        Assert.True(decisions.TryGet(Bars.Id("EURUSD", 0), out var withOutcome));
        Assert.True(withOutcome.OutcomeRecorded);
        Assert.True(decisions.TryGet(Bars.Id("EURUSD", 1), out var without));
        Assert.False(without.OutcomeRecorded);
        Assert.False(decisions.TryGet(Bars.Id("GBPUSD", 0), out _));
    }

    [Fact]
    public async Task Goes_back_through_rotated_files_only_as_far_as_the_capacity_needs()
    {
        using var dir = new TempDirectory();
        var audit = Options.Create(new AuditOptions { Directory = dir.Path });
        string?[] rotated = ["predictions-20251220-0001.jsonl", "predictions-20251221-0001.jsonl", null];
        for (var file = 0; file < 3; file++)
        {
            await using (var writer = new AuditLogWriter(audit, TimeProvider.System, NullLogger<AuditLogWriter>.Instance))
            {
                for (var bar = file * 2; bar < (file * 2) + 2; bar++)
                {
                    await writer.AppendAsync(Engine.FailClosed("EURUSD", "4H", Bars.Start.AddHours(4 * bar), "Join timeout"), null, null);
                }
            }

            if (rotated[file] is { } name)
            {
                File.Move(Path.Combine(dir.Path, "predictions.jsonl"), Path.Combine(dir.Path, name));
            }
        }

        var decisions = new ScorableDecisions(2);
        await new ScorableDecisionsSeeder(decisions, audit, NullLogger<ScorableDecisionsSeeder>.Instance).StartAsync(CancellationToken.None);

        // Two decisions fit: the files holding at least twice that many lines are read, and the newest two are kept.
        Assert.Equal(2, decisions.Count);
        Assert.True(decisions.TryGet(Bars.Id("EURUSD", 4), out _));
        Assert.True(decisions.TryGet(Bars.Id("EURUSD", 5), out _));
    }
}
