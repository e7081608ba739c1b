using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring.Shadow;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Shadow;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Shadow;

[Trait("Category", "Unit")]
public sealed class ShadowHandoffTests
{
    private static readonly DateTime Start = new(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_full_queue_drops_the_bar_and_counts_it_instead_of_waiting()
    {
        var engine = Engine("""{"model":{"shadow_signal_filter_version":"v1.0.0_rule_based"}}""");
        var counters = new ShadowPathCounters();
        var handoff = new ShadowHandoff(engine, counters, Options.Create(new ShadowOptions { QueueCapacity = 2 }));

        for (var i = 0; i < 5; i++)
        {
            handoff.Offer(Decide(engine, i), SampleBar.Features(), SampleBar.Qse("EURUSD", "1H") with { BarTime = Start.AddHours(i) });
        }

        Assert.Equal(2, handoff.Pending);
        Assert.Equal(3, counters.Dropped);
    }

    [Fact]
    public void Without_a_shadow_nothing_is_queued()
    {
        var engine = Engine("{}");
        var counters = new ShadowPathCounters();
        var handoff = new ShadowHandoff(engine, counters, Options.Create(new ShadowOptions()));

        handoff.Offer(Decide(engine, 0), SampleBar.Features(), SampleBar.Qse("EURUSD", "1H") with { BarTime = Start });

        Assert.Equal(0, handoff.Pending);
        Assert.Equal(0, counters.Dropped + counters.Skipped);
    }

    [Fact]
    public void A_bar_decided_under_another_live_config_is_skipped()
    {
        var engine = Engine("""{"model":{"shadow_signal_filter_version":"v1.0.0_rule_based"}}""");
        var counters = new ShadowPathCounters();
        var handoff = new ShadowHandoff(engine, counters, Options.Create(new ShadowOptions()));
        var decided = Decide(engine, 0);
        engine.Apply(EngineConfigJson.Merge(engine.Config, """{"decision":{"min_signal_probability":0.7}}"""));

        handoff.Offer(decided, SampleBar.Features(), SampleBar.Qse("EURUSD", "1H") with { BarTime = Start });

        Assert.Equal(0, handoff.Pending);
        Assert.Equal(1, counters.Skipped);
    }

    [Fact]
    public void The_observer_hands_over_bars_decided_from_both_halves_after_their_publish_and_never_a_fail_closed_one()
    {
        var engine = Engine("""{"model":{"shadow_signal_filter_version":"v1.0.0_rule_based"}}""");
        var handoff = new ShadowHandoff(engine, new ShadowPathCounters(), Options.Create(new ShadowOptions()));
        var observer = new ShadowHandoffObserver(handoff);
        var failClosed = engine.FailClosed("EURUSD", "1H", Start.AddHours(1), "Join timeout");

        observer.Observe(new AuditedDecision(Decide(engine, 0), SampleBar.Features(), SampleBar.Qse("EURUSD", "1H") with { BarTime = Start }));
        observer.Observe(new AuditedDecision(failClosed, SampleBar.Features(), null));

        Assert.Equal(AuditedDecisionMoment.AfterPublish, observer.Moment);
        Assert.Equal(1, handoff.Pending);
    }

    private static InferenceEngine Engine(string patch) =>
        InferenceEngine.CreateDefault(RepoPaths.Models, EngineConfigJson.Merge(new EngineConfig(), patch));

    private static Contracts.MlDecision Decide(InferenceEngine engine, int hour) =>
        engine.Predict("EURUSD", "1H", Start.AddHours(hour), SampleBar.Features(), SampleBar.Qse("EURUSD", "1H") with { BarTime = Start.AddHours(hour) });
}
