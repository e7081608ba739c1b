using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Join;

[Trait("Category", "Unit")]
public sealed class RecentDecisionsSeederTests
{
    private static readonly DeterministicEngine Engine = new();

    [Fact]
    public async Task Remembers_the_bus_decisions_of_the_audit_log_but_not_http_what_ifs()
    {
        using var dir = new TempDirectory();
        var audit = Options.Create(new AuditOptions { Directory = dir.Path });
        await using (var writer = new AuditLogWriter(audit, TimeProvider.System, NullLogger<AuditLogWriter>.Instance))
        {
            var decided = Engine.FailClosed("EURUSD", "4H", Bars.Start, "Join timeout");
            var whatIf = Engine.FailClosed("EURUSD", "4H", Bars.Start.AddHours(4), "what-if");
            await writer.AppendAsync(decided, null, null, DecisionSource.Bus);
            await writer.AppendAsync(whatIf, null, null, DecisionSource.Http);
        }

        var recent = new RecentDecisions(100);
        var seeder = new RecentDecisionsSeeder(recent, audit, Options.Create(new BusOptions()), NullLogger<RecentDecisionsSeeder>.Instance);

        await seeder.StartAsync(CancellationToken.None);

        Assert.Equal(1, recent.Count);
        Assert.True(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start), out _));
        Assert.False(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start.AddHours(4)), out _));
    }

    [Fact]
    public async Task Reads_the_last_rotated_file_too_so_a_rotation_right_after_a_decision_forgets_nothing()
    {
        using var dir = new TempDirectory();
        var audit = Options.Create(new AuditOptions { Directory = dir.Path });
        string?[] rotated = ["predictions-20251220-0001.jsonl", "predictions-20251221-0001.jsonl", null];
        for (var bar = 0; bar < 3; bar++)
        {
            await using (var writer = new AuditLogWriter(audit, TimeProvider.System, NullLogger<AuditLogWriter>.Instance))
            {
                await writer.AppendAsync(Engine.FailClosed("EURUSD", "4H", Bars.Start.AddHours(4 * bar), "Join timeout"), null, null);
            }

            if (rotated[bar] is { } name)
            {
                File.Move(Path.Combine(dir.Path, "predictions.jsonl"), Path.Combine(dir.Path, name));
            }
        }

        var recent = new RecentDecisions(100);
        await new RecentDecisionsSeeder(recent, audit, Options.Create(new BusOptions()), NullLogger<RecentDecisionsSeeder>.Instance)
            .StartAsync(CancellationToken.None);

        Assert.Equal(2, recent.Count);
        Assert.False(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start), out _));
        Assert.True(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start.AddHours(4)), out _));
        Assert.True(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start.AddHours(8)), out _));
    }

    [Fact]
    public async Task A_decision_read_back_is_kept_packed_unconfirmed_and_republishes_the_audited_bytes()
    {
        using var dir = new TempDirectory();
        var audit = Options.Create(new AuditOptions { Directory = dir.Path });
        await using (var writer = new AuditLogWriter(audit, TimeProvider.System, NullLogger<AuditLogWriter>.Instance))
        {
            await writer.AppendAsync(Engine.FailClosed("EURUSD", "4H", Bars.Start, "Partner refused: qse_output went to the error queue (\"bad\" ✓ €)"), null, null, DecisionSource.Bus);
        }

        var recent = new RecentDecisions(100);
        await new RecentDecisionsSeeder(recent, audit, Options.Create(new BusOptions()), NullLogger<RecentDecisionsSeeder>.Instance)
            .StartAsync(CancellationToken.None);
        Assert.True(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start), out var decided));
        MlDecision? republished = null;

        Assert.False(decided.Published);
        Assert.True(decided.HoldsPackedDecision);
        await decided.PublishOnceAsync(d => { republished = d; return Task.CompletedTask; });

        Assert.NotNull(republished);
        Assert.Equal(Bars.Json(Assert.Single(AuditLogReader.Read(dir.Path)).ToDecision()), Bars.Json(republished));
    }
}
