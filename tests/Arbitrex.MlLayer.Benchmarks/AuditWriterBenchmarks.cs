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
        features = AuditSamples.Features();
        qse = AuditSamples.Qse();
        decisions = AuditSamples.Decisions(1024, features);
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
