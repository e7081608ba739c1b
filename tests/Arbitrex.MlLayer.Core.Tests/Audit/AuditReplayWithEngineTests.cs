using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Tests.TestSupport;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

/// <summary>Replay through the real inference engine, smoothing included.</summary>
[Trait("Category", "Unit")]
public sealed class AuditReplayWithEngineTests
{
    private static async Task LogLiveDecisionsAsync(string directory)
    {
        var live = InferenceEngine.CreateDefault(RepoPaths.Models);
        await using var writer = AuditTestData.Writer(directory);
        for (var i = 0; i < 60; i++)
        {
            var barTime = Bars.BarTime.AddHours(4 * i);
            var features = (i / 5 % 3) switch
            {
                0 => Bars.TrendingFeatures(),
                1 => Bars.StressedFeatures(),
                _ => Bars.RangingFeatures(),
            };
            features["spread_bps"] = i % 7;
            var qse = Bars.Qse(barTime: barTime, stationarity: i % 11 != 0);
            await writer.AppendAsync(live.Predict("EURUSD", "4H", barTime, features, qse), features, qse);
        }
    }

    [Fact]
    public async Task The_same_config_reproduces_every_logged_decision_exactly()
    {
        using var dir = new TempDirectory();
        await LogLiveDecisionsAsync(dir.Path);

        var report = new AuditReplay(InferenceEngine.CreateDefault(RepoPaths.Models)).Run(dir.Path);

        Assert.Equal(60, report.Replayed);
        Assert.Equal(0, report.Changed);
    }

    [Fact]
    public async Task Http_what_ifs_between_the_bars_replay_without_counting_in_the_smoothing()
    {
        using var dir = new TempDirectory();
        var live = InferenceEngine.CreateDefault(RepoPaths.Models);
        await using (var writer = AuditTestData.Writer(dir.Path))
        {
            for (var i = 0; i < 12; i++)
            {
                var barTime = Bars.BarTime.AddHours(4 * i);
                var qse = Bars.Qse(barTime: barTime);
                var whatIf = Bars.StressedFeatures();
                await writer.AppendAsync(live.PredictStateless("EURUSD", "4H", barTime, whatIf, qse), whatIf, qse, DecisionSource.Http);
                var features = i < 6 ? Bars.TrendingFeatures() : Bars.RangingFeatures();
                await writer.AppendAsync(live.Predict("EURUSD", "4H", barTime, features, qse), features, qse);
            }
        }

        var report = new AuditReplay(InferenceEngine.CreateDefault(RepoPaths.Models)).Run(dir.Path);

        Assert.Equal(24, report.Replayed);
        Assert.Equal(0, report.Changed);
    }

    [Fact]
    public async Task A_stricter_signal_threshold_reports_the_trades_it_would_suppress()
    {
        using var dir = new TempDirectory();
        await LogLiveDecisionsAsync(dir.Path);
        var allowedBefore = AuditLogReader.Read(dir.Path).Count(r => r.Allowed);
        var strict = new EngineConfig { Decision = new DecisionConfig { MinSignalProbability = 0.999 } };

        var report = new AuditReplay(InferenceEngine.CreateDefault(RepoPaths.Models, strict)).Run(dir.Path);

        Assert.True(allowedBefore > 0);
        Assert.Equal(allowedBefore, report.AllowChanged);
    }
}
