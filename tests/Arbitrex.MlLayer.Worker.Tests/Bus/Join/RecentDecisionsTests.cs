using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Join;

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
        recent.Remember(Engine.FailClosed("EURUSD", "4H", Bars.Start, "second"));

        Assert.True(recent.TryGet(new BarKey("EURUSD", "4H", Bars.Start), out var kept));
        Assert.Same(first, kept);
        Assert.Equal(1, recent.Count);
    }
}
