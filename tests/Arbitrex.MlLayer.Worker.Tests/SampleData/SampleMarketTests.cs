using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.SampleData;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Worker.Tests.SampleData;

[Trait("Category", "Unit")]
public sealed class SampleMarketTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 30, 17, TimeSpan.Zero);

    [Fact]
    public void The_embedded_market_has_four_symbols_of_720_bars()
    {
        var market = SampleMarket.Embedded;

        Assert.Equal(["EURUSD", "GBPUSD", "USDJPY", "AUDUSD"], market.Symbols);
        Assert.Equal(720, market.BarsPerSymbol);
    }

    [Fact]
    public void A_bar_time_always_replays_the_same_content_and_symbols_replay_different_stretches()
    {
        var market = SampleMarket.Embedded;
        var barTime = new DateTime(2026, 12, 4, 9, 30, 0, DateTimeKind.Utc);

        var first = market.Bar("EURUSD", "1M", Minute, barTime);
        var again = market.Bar("EURUSD", "1M", Minute, barTime);
        var other = market.Bar("GBPUSD", "1M", Minute, barTime);

        Assert.Equal(first.Features.Features, again.Features.Features);
        Assert.Equal(first.Qse, again.Qse);
        Assert.NotEqual(first.Features.Features["efficiency_ratio"], other.Features.Features["efficiency_ratio"]);
        Assert.Equal(barTime, first.Features.BarTime);
        Assert.Equal(barTime, first.Qse.BarTime);
        Assert.Equal(CanonicalFeatures.All.Order(), first.Features.Features.Keys.Order());
    }

    [Fact]
    public void A_symbol_outside_the_data_set_borrows_a_series_and_replays_it_the_same_way_every_time()
    {
        var barTime = new DateTime(2026, 12, 4, 9, 30, 0, DateTimeKind.Utc);

        var first = SampleMarket.Embedded.Bar("XAUUSD", "5M", TimeSpan.FromMinutes(5), barTime);
        var again = SampleMarket.Embedded.Bar("XAUUSD", "5M", TimeSpan.FromMinutes(5), barTime);

        Assert.Equal("XAUUSD", first.Features.Symbol);
        Assert.Equal(first.Features.Features, again.Features.Features);
    }

    [Fact]
    public async Task The_first_hour_of_the_demo_shows_every_regime_both_outcomes_and_fires_no_default_alert()
    {
        var time = new FakeTimeProvider(Start);
        var engine = InferenceEngine.CreateDefault(RepoPaths.Models);
        var validationBriers = new RegistryValidationBriers(new ModelRegistry(RepoPaths.Models, [], time), time);
        var liveQuality = new LiveQualityTracker(Options.Create(new LiveQualityOptions()), time, validationBriers);
        using var monitor = new MlMonitor(Options.Create(new MonitoringOptions()), time, liveQuality: liveQuality);
        var outcomes = new SampleOutcomeFlow(monitor, liveQuality, time);
        var replay = new SampleReplay(Minute, historyBars: 720);
        var interval = TimeSpan.FromMilliseconds(100);
        var market = SampleMarket.Embedded;
        var nextEvaluation = Start + monitor.Options.AlertEvaluationInterval;
        var regimes = new HashSet<string>();
        var (allowed, suppressed) = (0, 0);

        for (var barTime = replay.FirstBar(Start); time.GetUtcNow() < Start.AddHours(1); barTime += Minute)
        {
            time.Advance(replay.DelayBefore(barTime, time.GetUtcNow(), interval));
            foreach (var symbol in market.Symbols)
            {
                var (features, qse) = market.Bar(symbol, "1M", Minute, barTime);
                var decision = engine.Predict(symbol, "1M", barTime, features.Features, qse);
                monitor.Record(decision);
                outcomes.Decided(decision);
                regimes.Add(decision.Regime.RegimeLabel);
                (allowed, suppressed) = decision.AllowTrade ? (allowed + 1, suppressed) : (allowed, suppressed + 1);
            }

            await outcomes.RecordDueAsync(Minute);
            while (nextEvaluation <= time.GetUtcNow())
            {
                monitor.EvaluateAlerts();
                Assert.Empty(monitor.ActiveAlerts);
                nextEvaluation += monitor.Options.AlertEvaluationInterval;
            }
        }

        Assert.Equal(["RANGING", "STRESSED", "TRENDING"], regimes.Order());
        Assert.InRange(allowed / (double)(allowed + suppressed), 0.2, 0.6);
        Assert.Empty(monitor.GetAlertHistory());

        // The live-quality rules were judged on the sample outcomes, not silent for want of them. The default filter is
        // rule-based, with no validation Brier in its metadata, so live_brier_above_validation has no value here; a
        // filter registered with one is judged by the evaluations above.
        var version = Assert.Single(liveQuality.Snapshot().Versions);
        Assert.True(version.Overall.Outcomes >= DefaultAlertRules.LowLiveAuc.MinSamples, $"{version.Overall.Outcomes} outcomes");
        Assert.InRange(version.Overall.Auc.Value!.Value, DefaultAlertRules.LowLiveAuc.Threshold, 1);
        Assert.NotNull(version.Overall.Brier.Value);
    }
}
