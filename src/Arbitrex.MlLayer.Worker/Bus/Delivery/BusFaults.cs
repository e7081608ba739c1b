using RabbitMQ.Client.Exceptions;

namespace Arbitrex.MlLayer.Worker.Bus.Delivery;

/// <summary>
/// What counts as transient on the bus path: the one list of broker faults and the one list of I/O faults
/// (the audit file). Everything else is a bug or a refusal and is not retried.
/// </summary>
public static class BusFaults
{
    /// <summary>The broker or the connection to it went away, or did not answer in time.</summary>
    public static bool IsBrokerFault(Exception exception) =>
        exception is AlreadyClosedException or OperationInterruptedException or BrokerUnreachableException
            or System.Threading.Channels.ChannelClosedException or PublishException or TimeoutException or ObjectDisposedException;

    /// <summary>A file operation failed (disk full, device gone, permissions changed under the worker).</summary>
    public static bool IsIoFault(Exception exception) =>
        exception is IOException or UnauthorizedAccessException;

    /// <summary>Either kind: worth another attempt.</summary>
    public static bool IsTransient(Exception exception) => IsBrokerFault(exception) || IsIoFault(exception);
}
