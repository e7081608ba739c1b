using System.Diagnostics;
using System.Globalization;

namespace Arbitrex.MlLayer.Feed;

/// <summary>Publishes the halves (rate-limited, with duplicates), and with --outcomes their outcomes; shows progress, and summarises.</summary>
internal sealed class FeedRunner(FeedOptions options, TextWriter progress, TextWriter output)
{
    private const int PublishWindow = 256;

    /// <returns>0 when done (and, with --wait, every bar got its decision); 2 when decisions are missing.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var broker = new Uri(options.Uri);
        var halves = options.Mode == "file" ? JsonlBars.Read(options.File!) : SyntheticBars.Generate(options);
        await using var publisher = await MassTransitBarPublisher.StartAsync(broker, cancellationToken).ConfigureAwait(false);
        var outcomes = options.Outcomes ? new OutcomeScheduler(publisher, options, cancellationToken) : null;
        await using var watcher = options.Wait ? await DecisionWatcher.StartAsync(broker, outcomes is null ? null : outcomes.Schedule).ConfigureAwait(false) : null;

        var random = new Random(options.Seed + 1);
        var barSent = new Dictionary<string, long>(StringComparer.Ordinal);
        var inFlight = new List<Task>(PublishWindow);
        var started = Stopwatch.GetTimestamp();
        var lastProgress = started;
        long published = 0, duplicates = 0;
        foreach (var half in halves)
        {
            watcher?.Expect(half.BarKey);
            var copies = random.NextDouble() < options.Duplicates ? 2 : 1;
            for (var copy = 0; copy < copies; copy++)
            {
                await PaceAsync(published, started, cancellationToken).ConfigureAwait(false);
                barSent[half.BarKey] = Stopwatch.GetTimestamp();
                inFlight.Add(half.Features is not null
                    ? publisher.PublishAsync(half.Features, cancellationToken)
                    : publisher.PublishAsync(half.Qse!, cancellationToken));
                published++;
                duplicates += copy;
                if (inFlight.Count == PublishWindow)
                {
                    await Task.WhenAll(inFlight).ConfigureAwait(false);
                    inFlight.Clear();
                }
            }

            if (Stopwatch.GetElapsedTime(lastProgress) > TimeSpan.FromSeconds(1))
            {
                lastProgress = Stopwatch.GetTimestamp();
                Progress(published, barSent.Count, watcher, started);
            }
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        var publishSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Progress(published, barSent.Count, watcher, started);
        await progress.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"published {published} halves of {barSent.Count} bars ({duplicates} duplicates) in {publishSeconds:0.00} s: {published / Math.Max(publishSeconds, 1e-9):0} halves/s")).ConfigureAwait(false);
        if (watcher is null)
        {
            return 0;
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
        while (watcher.Count < barSent.Count && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            if (Stopwatch.GetElapsedTime(lastProgress) > TimeSpan.FromSeconds(1))
            {
                lastProgress = Stopwatch.GetTimestamp();
                Progress(published, barSent.Count, watcher, started);
            }
        }

        var totalSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var latencies = barSent
            .Select(bar => watcher.TryGetArrival(bar.Key, out var arrival) ? Stopwatch.GetElapsedTime(bar.Value, arrival).TotalMilliseconds : double.NaN)
            .Where(double.IsFinite)
            .Order()
            .ToArray();
        var missing = barSent.Count - latencies.Length;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"decisions {latencies.Length}/{barSent.Count} missing={missing} duplicate_decisions={watcher.Duplicates}; end-to-end latency p50={Percentile(latencies, 0.50):0.0} ms p99={Percentile(latencies, 0.99):0.0} ms max={Percentile(latencies, 1):0.0} ms; throughput {latencies.Length / Math.Max(totalSeconds, 1e-9):0} bars/s")).ConfigureAwait(false);
        if (outcomes is not null)
        {
            await outcomes.WhenPublishedAsync().ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"outcomes {outcomes.Published} published late and out of order (up to {options.OutcomeDelay.TotalSeconds:0.#} s after their decision), {outcomes.Successes} successes")).ConfigureAwait(false);
        }

        return missing == 0 ? 0 : 2;
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1 < 0 ? 0 : (int)Math.Ceiling(q * sorted.Length) - 1)];

    private async Task PaceAsync(long published, long started, CancellationToken cancellationToken)
    {
        if (options.Rate <= 0)
        {
            return;
        }

        var due = TimeSpan.FromSeconds(published / options.Rate) - Stopwatch.GetElapsedTime(started);
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Progress(long published, int bars, DecisionWatcher? watcher, long started)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var decisions = watcher is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", decisions {watcher.Count}/{bars}");
        progress.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{Bar(watcher?.Count ?? 0, bars)}] published {published} halves ({published / Math.Max(seconds, 1e-9):0}/s){decisions}   "));
    }

    private static string Bar(int done, int total)
    {
        const int Width = 30;
        var filled = total == 0 ? 0 : Math.Min(Width, done * Width / total);
        return new string('#', filled) + new string('.', Width - filled);
    }
}
