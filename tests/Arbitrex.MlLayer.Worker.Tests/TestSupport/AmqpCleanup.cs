using RabbitMQ.Client.Exceptions;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>Closing test clients whose connection a broker restart may already have dropped.</summary>
internal static class AmqpCleanup
{
    /// <summary>Disposes, giving up after 10 s: closing a dropped connection can hang or throw.</summary>
    public static async Task DisposeQuietlyAsync(IAsyncDisposable client)
    {
        try
        {
            await client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is TimeoutException or OperationInterruptedException or IOException)
        {
            // Nothing left to close; the node is stopped after the test.
        }
    }
}
