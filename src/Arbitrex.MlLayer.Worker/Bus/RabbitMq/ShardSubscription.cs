using Arbitrex.MlLayer.Worker.Bus.Delivery;
using RabbitMQ.Client;

namespace Arbitrex.MlLayer.Worker.Bus.RabbitMq;

/// <summary>One shard queue's channel and consumer; settles deliveries from any task.</summary>
internal sealed class ShardSubscription(IChannel channel, string queue) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IChannel Channel { get; } = channel;

    public string Queue { get; } = queue;

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
