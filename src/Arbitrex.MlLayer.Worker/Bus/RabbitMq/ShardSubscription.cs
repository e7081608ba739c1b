using Arbitrex.MlLayer.Worker.Bus.Delivery;
using RabbitMQ.Client;

namespace Arbitrex.MlLayer.Worker.Bus.RabbitMq;

/// <summary>
/// One shard queue's channel and consumer; settles deliveries from any task. When the channel is lost (its node or
/// connection went away) the delivery tags it handed out are void: the broker delivers those messages again, on the
/// recovered channel or to another worker, so <see cref="DeliveriesVoided"/> of that channel life fires.
/// </summary>
internal sealed class ShardSubscription : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CancellationTokenSource _life = new();

    public ShardSubscription(IChannel channel, string queue)
    {
        Channel = channel;
        Queue = queue;

        // Handlers survive the channel's recovery (the recovered inner channel takes them over).
        channel.ChannelShutdownAsync += (_, e) => e.Initiator == ShutdownInitiator.Application ? Task.CompletedTask : VoidDeliveriesAsync();
    }

    public IChannel Channel { get; }

    /// <summary>
    /// Fires when the channel life a delivery arrived in ends; read it when the delivery arrives. A recovered
    /// channel starts a new life, so its deliveries are not voided by the loss before it.
    /// </summary>
    public CancellationToken DeliveriesVoided => Volatile.Read(ref _life).Token;

    public string Queue { get; }

    public string ConsumerTag { get; set; } = string.Empty;

    /// <summary>Acks; a delivery from before a reconnect cannot be settled any more and is redelivered anyway.</summary>
    public async Task<bool> AckAsync(ulong deliveryTag)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await Channel.BasicAckAsync(deliveryTag, multiple: false).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (BusFaults.IsTransient(ex))
        {
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> RequeueAsync(ulong deliveryTag)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await Channel.BasicNackAsync(deliveryTag, multiple: false, requeue: true).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (BusFaults.IsTransient(ex))
        {
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task VoidDeliveriesAsync()
    {
        // Not disposed: deliveries of the ended life may still register on its token.
        var ended = Interlocked.Exchange(ref _life, new CancellationTokenSource());
        return ended.CancelAsync();
    }

    public async Task CancelAsync()
    {
        try
        {
            await Channel.BasicCancelAsync(ConsumerTag).ConfigureAwait(false);
        }
        catch (Exception ex) when (BusFaults.IsTransient(ex))
        {
            // A closed channel delivers nothing more either.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Channel.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (BusFaults.IsTransient(ex))
        {
            // Already gone with its connection (ChannelClosedException: the client's frame writer is shut).
        }

        await Channel.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>
    /// Drops a channel whose subscription failed half-way (the broker went away): aborted and disposed, so the
    /// connection's recovery does not bring it back consuming nothing. Never throws for a dead connection.
    /// </summary>
    public async ValueTask AbandonAsync()
    {
        try
        {
            await Channel.AbortAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (BusFaults.IsTransient(ex) || ex is OperationCanceledException)
        {
            // Nothing left to close on the broker's side.
        }

        await Channel.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
