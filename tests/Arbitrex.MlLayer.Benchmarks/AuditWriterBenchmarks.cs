using System.Globalization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// Cost per record of <see cref="AuditLogWriter.AppendAsync"/> until the record is flushed: one appender
/// awaiting each record (a flush per record), and 64 concurrent appenders (which share flushes). Files
/// rotate at 16 MiB and rotated files are deleted between iterations.
/// </summary>
[MemoryDiagnoser]
public class AuditWriterBenchmarks : IAsyncDisposable
{
    private const int SingleRecords = 2_000;
    private const int Appenders = 64;
    private const int RecordsPerAppender = 100;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "arbitrex-audit-bench-" + Guid.NewGuid().ToString("N"));
    private MlDecision[] decisions = [];
    private Dictionary<string, double> features = [];
    private QseOutput qse = null!;
    private AuditLogWriter writer = null!;

    [Params(false, true)]
    public bool FlushToDisk { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var barTime = new DateTime(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc);
        features = CanonicalFeatures.All.Select((name, i) => (name, value: 0.1 + (i * 0.037))).ToDictionary(p => p.name, p => p.value, StringComparer.Ordinal);
        qse = new QseOutput
        {
            Symbol = "EURUSD",
            Timeframe = "4H",
            BarTime = barTime,
            SignalValid = true,
            Gates = new QseGates
            {
                TrendPersistence = new QseGate { Passed = true, Value = 0.71 },
                Stationarity = new QseGate { Passed = true, Value = 0.02 },
                ZScore = new QseGate { Passed = true, Value = 1.8 },
                Autocorrelation = new QseGate { Passed = true, Value = 0.21 },
                SignalValidity = new QseGate { Passed = true, Value = 1.0 },
            },
        };
        decisions = Enumerable.Range(0, 1024).Select(i => new MlDecision
        {
            DecisionId = string.Create(CultureInfo.InvariantCulture, $"EURUSD-4H-{i:D8}"),
            Symbol = "EURUSD",
            Timeframe = "4H",
            BarTime = barTime,
            Timestamp = barTime.AddMilliseconds(187),
            AllowTrade = false,
            Regime = new RegimePrediction
            {
                RegimeLabel = "RANGING",
                Confidence = 0.5,
                EfficiencyRatio = 0.31,
                Probabilities = new Dictionary<string, double>(StringComparer.Ordinal) { ["TRENDING"] = 0.3, ["RANGING"] = 0.5, ["STRESSED"] = 0.2 },
            },
            Signal = new SignalPrediction
            {
                SuccessProbability = 0.472,
                ShouldEnter = false,
                ShouldExit = false,
                ConfidenceLevel = "LOW",
                TopFeatures = [.. features.Take(5).Select(f => new FeatureContribution { Name = f.Key, Importance = f.Value })],
            },
            DecisionReasons = ["Regime not allowed: RANGING"],
            QseValid = true,
            ProcessingTimeMs = 0.004,
            ConfigHash = "eb865791dc659ec1",
            ModelVersions = new Dictionary<string, string>(StringComparer.Ordinal) { ["regime_classifier"] = "v1.0.0", ["signal_filter"] = "v1.0.0" },
        }).ToArray();
        writer = new AuditLogWriter(
            Options.Create(new AuditOptions { Directory = directory, MaxFileBytes = 16L * 1024 * 1024, RotateDaily = false, FlushToDisk = FlushToDisk }),
            TimeProvider.System,
            NullLogger<AuditLogWriter>.Instance);
    }

    [IterationCleanup]
    public void DeleteRotatedFiles()
    {
        foreach (var file in Directory.EnumerateFiles(directory, "predictions-*.jsonl"))
        {
            File.Delete(file);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await DisposeAsync().ConfigureAwait(false);

    /// <summary>One appender, each record awaited before the next: a flush per record.</summary>
    [Benchmark(OperationsPerInvoke = SingleRecords)]
    public async Task SingleAppender()
    {
        for (var i = 0; i < SingleRecords; i++)
        {
            await writer.AppendAsync(decisions[i & 1023], features, qse).ConfigureAwait(false);
        }
    }

    /// <summary>64 appenders at once, each awaiting its own records: flushes are shared.</summary>
    [Benchmark(OperationsPerInvoke = Appenders * RecordsPerAppender)]
    public Task ConcurrentAppenders() =>
        Task.WhenAll(Enumerable.Range(0, Appenders).Select(a => Task.Run(async () =>
        {
            for (var i = 0; i < RecordsPerAppender; i++)
            {
                await writer.AppendAsync(decisions[((a * RecordsPerAppender) + i) & 1023], features, qse).ConfigureAwait(false);
            }
        })));

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (writer is not null)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            writer = null!;
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
