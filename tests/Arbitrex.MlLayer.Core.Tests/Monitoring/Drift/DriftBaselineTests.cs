using System.Text.Json;
using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

[Trait("Category", "Unit")]
public sealed class DriftBaselineTests
{
    [Fact]
    public void A_baseline_written_into_metadata_reads_back_with_its_deciles_and_sample()
    {
        var baseline = LiveBars.Baseline(rows: 300);
        var metadata = new ModelMetadata { Auc = 0.7 };

        var stored = JsonSerializer.Deserialize<ModelMetadata>(JsonSerializer.SerializeToUtf8Bytes(baseline.WriteTo(metadata), RegistryJson.Options), RegistryJson.Options)!;
        var read = DriftBaseline.From(stored)!;

        Assert.Equal(0.7, stored.Auc);
        Assert.Equal(baseline.Features.Keys, read.Features.Keys);
        Assert.Equal(baseline.Features["rsi"].Edges, read.Features["rsi"].Edges);
        Assert.Equal(baseline.Features["rsi"].Counts, read.Features["rsi"].Counts);
        Assert.Equal(baseline.Features["rsi"].Sample, read.Features["rsi"].Sample);
        Assert.Equal(baseline.Prediction!.Edges, read.Prediction!.Edges);
    }

    [Fact]
    public void Metadata_without_a_feature_baseline_has_none()
    {
        Assert.Null(DriftBaseline.From(new ModelMetadata()));
    }

    [Fact]
    public void The_sample_is_bounded_and_spread_over_the_whole_series()
    {
        var values = Enumerable.Range(0, 5000).Select(i => (double)i).ToList();

        var sample = DecileBaseline.SpreadSample(values);

        Assert.Equal(DecileBaseline.MaxSample, sample.Count);
        Assert.Equal(0, sample[0]);
        Assert.Equal(4995, sample[^1]);
    }
}
