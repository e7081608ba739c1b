using Arbitrex.MlLayer.Testing;
using System.Text;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using BenchmarkDotNet.Attributes;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// System.Text.Json parse of one FeatureSnapshot (16 features, snake_case, <see cref="ContractJson.Options"/>)
/// from UTF-8 bytes, as the bus consumer receives it.
/// </summary>
[MemoryDiagnoser]
public class FeatureSnapshotParseBenchmarks
{
    private byte[] _utf8 = [];

    [GlobalSetup]
    public void Setup()
    {
        var snapshot = new FeatureSnapshot
        {
            Symbol = "EURUSD",
            Timeframe = "4H",
            BarTime = SampleBar.BarTime,
            Features = SampleBar.Features(),
        };
        _utf8 = JsonSerializer.SerializeToUtf8Bytes(snapshot, ContractJson.Options);
        if (Parse().Features.Count != 16)
        {
            throw new InvalidOperationException("round trip lost features: " + Encoding.UTF8.GetString(_utf8));
        }
    }

    [Benchmark]
    public FeatureSnapshot Parse() => JsonSerializer.Deserialize<FeatureSnapshot>(_utf8, ContractJson.Options)!;
}
