namespace Arbitrex.MlLayer.Feed;

/// <summary>
/// Publishes a synthetic outcome for each decision it is given, after a random delay up to <c>--outcome-delay</c>, so
/// outcomes reach the worker late and in another order than their bars. Thread-safe.
/// </summary>
internal sealed class OutcomeScheduler(MassTransitBarPublisher publisher, FeedOptions options, CancellationToken cancellationToken)
{
    private readonly Random _random = new(options.Seed + 2);
    private readonly Lock _gate = new();
    private readonly List<Task> _publishing = [];
    private int _published;
    private int _successes;

    public int Published => Volatile.Read(ref _published);

    public int Successes => Volatile.Read(ref _successes);

    public void Schedule(Contracts.MlDecision decision)
    {
        lock (_gate)
        {
            var outcome = SyntheticOutcomes.For(decision, options.OutcomeHitRates, _random);
            var delay = options.OutcomeDelay * _random.NextDouble();
            _publishing.Add(PublishLaterAsync(outcome, delay));
        }
    }

    /// <summary>Waits until every outcome scheduled so far is published (broker-confirmed).</summary>
    public Task WhenPublishedAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll([.. _publishing]);
        }
    }

    private async Task PublishLaterAsync(Contracts.TradeOutcome outcome, TimeSpan delay)
    {
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        await publisher.PublishAsync(outcome, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _published);
        if (outcome.Success)
        {
            Interlocked.Increment(ref _successes);
        }
    }
}
