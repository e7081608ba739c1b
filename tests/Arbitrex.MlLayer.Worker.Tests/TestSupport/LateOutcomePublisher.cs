using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>
/// Plays the signal generator: for every decision the subscriber receives, publishes its trade outcome after a random
/// delay (so outcomes arrive late and in another order than their bars), some twice. Outcomes whose publish was not
/// confirmed (the broker went away) are published again on a new connection once it is back.
/// </summary>
internal sealed class LateOutcomePublisher : IAsyncDisposable
{
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(10);

    private readonly RabbitMqNode _node;
    private readonly DecisionSubscriber _subscriber;
    private readonly string _symbolPrefix;
    private readonly TimeSpan _maxDelay;
    private readonly double _duplicateShare;
    private readonly Random _random = new(20);
    private readonly HashSet<string> _scheduled = new(StringComparer.Ordinal);
    private readonly List<(TradeOutcome Outcome, DateTime DueAt)> _pending = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _published;

    public LateOutcomePublisher(RabbitMqNode node, DecisionSubscriber subscriber, string symbolPrefix, TimeSpan maxDelay, double duplicateShare)
    {
        _node = node;
        _subscriber = subscriber;
        _symbolPrefix = symbolPrefix;
        _maxDelay = maxDelay;
        _duplicateShare = duplicateShare;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Outcome messages confirmed by the broker so far, copies included.</summary>
    public int Published => Volatile.Read(ref _published);

    /// <summary>Every decision seen has its outcome (and its copies) confirmed.</summary>
    public bool Idle
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count == 0 && _scheduled.Count == _subscriber.For(_symbolPrefix).Select(d => d.DecisionId).Distinct().Count();
            }
        }
    }

    public static TradeOutcome For(MlDecision decision, bool success) => new()
    {
        DecisionId = decision.DecisionId,
        Symbol = decision.Symbol,
        Timeframe = decision.Timeframe,
        BarTime = decision.BarTime,
        Success = success,
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            InputPublisher? publisher = null;
            try
            {
                publisher = await InputPublisher.StartAsync(_node, automaticRecovery: false);
                while (!_stop.IsCancellationRequested)
                {
                    Schedule();
                    var due = TakeDue();
                    try
                    {
                        // Confirms of a batch in flight when the broker stops may never come: give up on them and publish again.
                        await publisher.ManyAsync(due.Select(o => (MessageExchanges.Outcome, MessageExchanges.RoutingKey(o.Symbol, o.Timeframe), Bars.Json(o))))
                            .WaitAsync(ConfirmTimeout, _stop.Token);
                        Interlocked.Add(ref _published, due.Count);
                    }
                    catch
                    {
                        PutBack(due);
                        throw;
                    }

                    await Task.Delay(50, _stop.Token);
                }
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                // The broker went away (or never confirmed): reconnect and publish what was not confirmed.
                await Task.Delay(500, _stop.Token);
            }
            finally
            {
                if (publisher is not null)
                {
                    await AmqpCleanup.DisposeQuietlyAsync(publisher);
                }
            }
        }
    }

    private void Schedule()
    {
        var now = DateTime.UtcNow;
        lock (_pending)
        {
            foreach (var decision in _subscriber.For(_symbolPrefix))
            {
                if (!_scheduled.Add(decision.DecisionId))
                {
                    continue;
                }

                var outcome = For(decision, _random.Next(2) == 0);
                _pending.Add((outcome, now + (_maxDelay * _random.NextDouble())));
                if (_random.NextDouble() < _duplicateShare)
                {
                    _pending.Add((outcome with { Success = !outcome.Success }, now + (_maxDelay * (1 + _random.NextDouble()))));
                }
            }
        }
    }

    private List<TradeOutcome> TakeDue()
    {
        var now = DateTime.UtcNow;
        lock (_pending)
        {
            var due = _pending.Where(p => p.DueAt <= now).Select(p => p.Outcome).ToList();
            _pending.RemoveAll(p => p.DueAt <= now);
            return due;
        }
    }

    private void PutBack(List<TradeOutcome> outcomes)
    {
        lock (_pending)
        {
            _pending.AddRange(outcomes.Select(o => (o, DateTime.UtcNow)));
        }
    }
}
