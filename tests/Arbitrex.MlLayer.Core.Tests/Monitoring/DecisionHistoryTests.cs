using System.Globalization;
using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring;

[Trait("Category", "Unit")]
public sealed class DecisionHistoryTests
{
    [Fact]
    public void A_slot_reused_by_a_longer_decision_keeps_it_whole()
    {
        var history = new DecisionHistory(2);
        history.Add(TestDecisions.Make(symbol: "A", reason: "short"));
        history.Add(TestDecisions.Make(symbol: "B", reason: "short"));
        history.Add(TestDecisions.Make(symbol: "C", reason: new string('r', 4000)));

        var newest = history.Newest(10, symbol: null, allowed: null);

        Assert.Equal(["C", "B"], newest.Select(d => d.Symbol));
        Assert.Equal(new string('r', 4000), Assert.Single(newest[0].DecisionReasons));
    }

    [Fact]
    public void Concurrent_writers_leave_exactly_the_newest_decisions_intact()
    {
        const int Size = 64;
        const int Threads = 4;
        const int PerThread = 5_000;
        var history = new DecisionHistory(Size);

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                // The id and the latency carry the same number, so a torn slot would show.
                var n = (thread * PerThread) + i;
                history.Add(TestDecisions.Make(symbol: "T" + thread, latencyMs: n) with { DecisionId = n.ToString(CultureInfo.InvariantCulture) });
            }
        });

        var newest = history.Newest(1000, symbol: null, allowed: null);

        Assert.Equal(Size, newest.Count);
        Assert.All(newest, d => Assert.Equal(d.DecisionId, d.ProcessingTimeMs.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(Size, newest.Select(d => d.DecisionId).Distinct().Count());
    }

    [Fact]
    public void Clear_hides_what_was_recorded_before()
    {
        var history = new DecisionHistory(8);
        history.Add(TestDecisions.Make(symbol: "OLD"));
        history.Clear();
        history.Add(TestDecisions.Make(symbol: "NEW"));

        Assert.Equal(["NEW"], history.Newest(10, symbol: null, allowed: null).Select(d => d.Symbol));
    }
}
