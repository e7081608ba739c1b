using System.Runtime.CompilerServices;
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
    public void Only_the_newest_audited_decisions_are_kept_whole_older_ones_by_id()
    {
        var recent = new RecentDecisions(10, retainedCapacity: 2);
        for (var bar = 0; bar < 3; bar++)
        {
            var decision = Engine.FailClosed("EURUSD", "4H", Bars.Start.AddHours(4 * bar), "test");
            recent.AddAudited(new BarKey("EURUSD", "4H", decision.BarTime), decision, published: false);
        }

        Assert.True(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start), out var oldest));
        Assert.Null(oldest.Decision);
        Assert.Equal(Bars.Id("EURUSD", 0), oldest.DecisionId);
        Assert.True(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start.AddHours(8)), out var newest));
        Assert.Equal(Bars.Id("EURUSD", 2), newest.Decision?.DecisionId);
        Assert.False(newest.Published);
    }

    [Fact]
    public async Task A_confirmed_publish_is_let_go_and_not_run_again()
    {
        var recent = new RecentDecisions(10);
        var decision = Engine.FailClosed("EURUSD", "4H", Bars.Start, "test");
        var decided = recent.AddAudited(new BarKey("EURUSD", "4H", decision.BarTime), decision, published: false);
        var publishes = 0;

        await PublishAndConfirm(decided, () => publishes++);
        Assert.True(decided.HoldsPublish);
        decided.ForgetFinishedPublish();
        await decided.PublishOnceAsync(_ => Task.FromResult(publishes++));

        Assert.False(decided.HoldsPublish);
        Assert.Equal(1, publishes);
        Assert.True(decided.Published);
    }

    [Fact]
    public async Task An_unconfirmed_publish_is_kept_so_a_duplicate_awaits_it()
    {
        var recent = new RecentDecisions(10);
        var decision = Engine.FailClosed("EURUSD", "4H", Bars.Start, "test");
        var decided = recent.AddAudited(new BarKey("EURUSD", "4H", decision.BarTime), decision, published: false);
        var release = new TaskCompletionSource();
        var publishes = 0;

        var first = decided.PublishOnceAsync(async _ => { publishes++; await release.Task; });
        decided.ForgetFinishedPublish();
        var duplicate = decided.PublishOnceAsync(_ => Task.FromResult(publishes++));
        release.SetResult();
        await Task.WhenAll(first, duplicate).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Same(first, duplicate);
        Assert.Equal(1, publishes);
    }

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
