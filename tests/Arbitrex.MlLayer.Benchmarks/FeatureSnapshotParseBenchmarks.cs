using Arbitrex.MlLayer.Testing;
using System.Text;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Json;
using Arbitrex.MlLayer.Worker.Bus.Inbound;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using BenchmarkDotNet.Attributes;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// System.Text.Json parse of one FeatureSnapshot (16 features, snake_case, <see cref="ContractJson.Options"/>)
/// from UTF-8 bytes, as the bus consumer receives it; the bus readers' whole read of a body (parse, refusal
/// rules, checks) for a feature half, a QSE half and a trade outcome; and the parse of a <c>POST /predict</c> body.
/// </summary>
[MemoryDiagnoser]
public class FeatureSnapshotParseBenchmarks
{
    private byte[] _utf8 = [];
    private byte[] _outcome = [];
    private byte[] _qse = [];
    private byte[] _predict = [];

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
        _outcome = JsonSerializer.SerializeToUtf8Bytes(
            new TradeOutcome
            {
                DecisionId = "EURUSD_4H_20251222T120000Z",
                Symbol = "EURUSD",
                Timeframe = "4H",
                BarTime = SampleBar.BarTime,
                Success = true,
                RealizedReturn = 0.012,
                ClosedAt = SampleBar.BarTime.AddHours(12),
            },
            ContractJson.Options);
        var qse = SampleBar.Qse("EURUSD", "4H");
        _qse = JsonSerializer.SerializeToUtf8Bytes(qse, ContractJson.Options);
        _predict = JsonSerializer.SerializeToUtf8Bytes(
            new PredictRequest
            {
                Symbol = "EURUSD",
                Timeframe = "4H",
                BarTime = SampleBar.BarTime,
                Features = SampleBar.Features(),
                QseOutput = new PredictQseInput { SignalValid = true, Gates = qse.Gates },
            },
            WorkerJson.Contract);
        if (ReadQseHalf().Qse is null || ParsePredictBody().QseOutput?.Gates is null)
        {
            throw new InvalidOperationException("round trip lost the QSE output: " + Encoding.UTF8.GetString(_predict));
        }

        if (Parse().Features.Count != 16 || ReadFeatureHalf().Features!.Features.Count != 16 || !ReadOutcome().Success)
        {
            throw new InvalidOperationException("round trip lost features: " + Encoding.UTF8.GetString(_utf8));
        }
    }

    [Benchmark(Baseline = true)]
    public FeatureSnapshot Parse() => JsonSerializer.Deserialize<FeatureSnapshot>(_utf8, ContractJson.Options)!;

    /// <summary>What a delivery to the feature exchange costs before the join: <see cref="InboundMessageReader.Read"/>.</summary>
    [Benchmark]
    public InboundHalf ReadFeatureHalf() => InboundMessageReader.Read(MessageExchanges.FeatureSnapshot, _utf8);

    /// <summary>What a delivery to the QSE exchange costs before the join.</summary>
    [Benchmark]
    public InboundHalf ReadQseHalf() => InboundMessageReader.Read(MessageExchanges.QseOutput, _qse);

    /// <summary>The body of <c>POST /predict</c> (the seeds' shape: features and qse_output), before validation.</summary>
    [Benchmark]
    public PredictRequest ParsePredictBody() => JsonSerializer.Deserialize<PredictRequest>(_predict, WorkerJson.Contract)!;

    /// <summary>What an outcome delivery costs before it is recorded: <see cref="OutcomeReader.Read"/>.</summary>
    [Benchmark]
    public TradeOutcome ReadOutcome() => OutcomeReader.Read(_outcome);
}
