using System.Runtime.CompilerServices;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Join;

[Trait("Category", "Unit")]
public sealed class RecentDecisionsTests
{
    private static readonly DeterministicEngine Engine = new();

    [Fact]
    public void The_oldest_decisions_are_forgotten_beyond_the_capacity()
    {
        var recent = new RecentDecisions(3);
        for (var bar = 0; bar < 5; bar++)
        {
            recent.Remember(Engine.FailClosed("EURUSD", "4H", Bars.Start.AddHours(4 * bar), "test"));
        }

        Assert.Equal(3, recent.Count);
        Assert.False(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start), out _));
        Assert.True(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start.AddHours(16)), out var last));
        Assert.Equal(Bars.Id("EURUSD", 4), last.DecisionId);
    }

    [Fact]
    public void Remembering_a_bar_twice_keeps_the_first_decision()
    {
        var recent = new RecentDecisions(10);
        var first = Engine.FailClosed("EURUSD", "4H", Bars.Start, "first");

        recent.Remember(first);
        recent.Remember(Engine.FailClosed("EURUSD", "4H", Bars.Start, "second") with { DecisionId = "second" });

        Assert.True(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start), out var kept));
        Assert.Equal(first.DecisionId, kept.DecisionId);
        Assert.Equal(1, recent.Count);
    }

    [Fact]
    public void A_remembered_decision_is_not_kept_alive_only_its_id_is()
    {
        var recent = new RecentDecisions(10);
        var decision = RememberAndDrop(recent);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(decision.IsAlive, "the cache holds the whole decision graph (~1 KB a bar) instead of its id");
        Assert.True(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start), out var id));
        Assert.Equal(Bars.Id("EURUSD", 0), id.DecisionId);
    }

    [Fact]
    public void Only_the_newest_audited_decisions_keep_theirs_older_ones_only_the_id()
    {
        var recent = new RecentDecisions(10, retainedCapacity: 2);
        for (var bar = 0; bar < 3; bar++)
        {
            var decision = Engine.FailClosed("EURUSD", "4H", Bars.Start.AddHours(4 * bar), "test");
            recent.AddReadBack(new BarKey("EURUSD", "4H", decision.BarTime), decision);
        }

        Assert.True(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start), out var oldest));
        Assert.False(oldest.HoldsDecision);
        Assert.Equal(Bars.Id("EURUSD", 0), oldest.DecisionId);
        Assert.True(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start.AddHours(8)), out var newest));
        Assert.True(newest.HoldsPackedDecision);
        Assert.Equal(Bars.Id("EURUSD", 2), newest.DecisionId);
        Assert.False(newest.Published);
    }

    [Fact]
    public async Task A_confirmed_publish_is_let_go_with_its_decision_and_not_run_again()
    {
        var recent = new RecentDecisions(10);
        var decision = Engine.FailClosed("EURUSD", "4H", Bars.Start, "test");
        var decided = recent.AddAudited(new BarKey("EURUSD", "4H", decision.BarTime), decision);
        var publishes = 0;

        await PublishAndConfirm(decided, () => publishes++);
        Assert.True(decided.HoldsPublish);
        Assert.True(decided.HoldsDecision);
        decided.SettleFinishedPublish();
        await decided.PublishOnceAsync(_ => Task.FromResult(publishes++));

        Assert.False(decided.HoldsPublish);
        Assert.False(decided.HoldsDecision);
        Assert.Equal(1, publishes);
        Assert.True(decided.Published);
    }

    [Fact]
    public async Task An_unconfirmed_publish_is_kept_so_a_duplicate_awaits_it()
    {
        var recent = new RecentDecisions(10);
        var decision = Engine.FailClosed("EURUSD", "4H", Bars.Start, "test");
        var decided = recent.AddAudited(new BarKey("EURUSD", "4H", decision.BarTime), decision);
        var release = new TaskCompletionSource();
        var publishes = 0;

        var first = decided.PublishOnceAsync(async _ => { publishes++; await release.Task; });
        decided.SettleFinishedPublish();
        var duplicate = decided.PublishOnceAsync(_ => Task.FromResult(publishes++));
        release.SetResult();
        await Task.WhenAll(first, duplicate).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Same(first, duplicate);
        Assert.Equal(1, publishes);
    }

    [Fact]
    public async Task A_failed_publish_keeps_the_decision_packed_and_the_retry_publishes_the_identical_bytes()
    {
        var recent = new RecentDecisions(10);
        var audited = Unusual(Engine.FailClosed("EURUSD", "4H", Bars.Start, "test"));
        var decided = recent.AddAudited(new BarKey("EURUSD", "4H", audited.BarTime), audited);

        await Assert.ThrowsAsync<IOException>(() => decided.PublishOnceAsync(_ => throw new IOException("broker connection lost")));
        decided.SettleFinishedPublish();
        Assert.True(decided.HoldsPackedDecision);
        Assert.False(decided.HoldsPublish);
        MlDecision? republished = null;
        await decided.PublishOnceAsync(d => { republished = d; return Task.CompletedTask; });

        Assert.NotNull(republished);
        Assert.NotSame(audited, republished);
        Assert.Equal(Body(audited), Body(republished));
    }

    [Fact]
    public async Task A_decision_read_back_from_the_audit_log_republishes_the_identical_bytes()
    {
        var recent = new RecentDecisions(10);
        var audited = Unusual(Engine.FailClosed("EURUSD", "4H", Bars.Start, "test"));
        var key = new BarKey("EURUSD", "4H", audited.BarTime);
        recent.AddReadBack(key, audited);
        Assert.True(recent.TryGet(key, out var decided));
        MlDecision? republished = null;

        await decided.PublishOnceAsync(d => { republished = d; return Task.CompletedTask; });

        Assert.NotNull(republished);
        Assert.Equal(Body(audited), Body(republished));
    }

    [Fact]
    public void A_decision_older_than_the_newest_kept_is_let_go_even_while_its_publish_runs()
    {
        var recent = new RecentDecisions(10, retainedCapacity: 1);
        var first = Engine.FailClosed("EURUSD", "4H", Bars.Start, "test");
        var second = Engine.FailClosed("EURUSD", "4H", Bars.Start.AddHours(4), "test");
        var running = new TaskCompletionSource();
        var decided = recent.AddAudited(new BarKey("EURUSD", "4H", first.BarTime), first);
        _ = decided.PublishOnceAsync(_ => running.Task);

        recent.AddAudited(new BarKey("EURUSD", "4H", second.BarTime), second);
        running.SetException(new IOException("broker connection lost"));
        decided.SettleFinishedPublish();

        Assert.False(decided.HoldsDecision);
    }

    /// <summary>A decision with what a byte-for-byte copy could get wrong: non-ASCII and escaped text, ordered maps, inexact doubles.</summary>
    private static MlDecision Unusual(MlDecision decision) => decision with
    {
        DecisionReasons = ["Partner refused: qse_output went to the error queue (\"momentum\" <bad> ✓ € ü)", "\t\u0001 😀"],
        ProcessingTimeMs = 0.1 + 0.2,
        ModelVersions = new OrderedDictionary<string, string> { ["signal_filter"] = "v2.1.0-ß", ["regime_classifier"] = "v1.0.0" },
        Signal = decision.Signal with
        {
            TopFeatures = [new FeatureContribution { Name = "momentum_score", Importance = 1.0 / 3 }, new FeatureContribution { Name = "atr_ratio", Importance = -0.0 }],
        },
    };

    private static byte[] Body(MlDecision decision) => JsonSerializer.SerializeToUtf8Bytes(decision, ContractJson.Options);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task PublishAndConfirm(RecentDecision decided, Action published) =>
        decided.PublishOnceAsync(async _ =>
        {
            await Task.Yield();
            published();
            decided.MarkPublished();
        });

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RememberAndDrop(RecentDecisions recent)
    {
        var decision = Engine.FailClosed("EURUSD", "4H", Bars.Start, "test");
        recent.Remember(decision);
        return new WeakReference(decision);
    }
}
