using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Bus.Inbound;
using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>Hands a typed half from the in-memory bus to the joiner; refusals are counted and logged.</summary>
internal sealed partial class InMemoryHalfHandler(BarJoiner joiner, IPredictionMonitor monitor, ILogger<InMemoryHalfHandler> logger)
{
    public async Task HandleAsync(Func<InboundHalf> validate, CancellationToken cancellationToken)
    {
        try
        {
            await joiner.OfferAsync(validate(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PoisonMessageException or BarRejectedException)
        {
            if (ex is PoisonMessageException { Key: { } key, Kind: { } kind })
            {
                joiner.Refuse(key, kind, ex.Message);
            }

            monitor.RecordRejected(ex.Message);
            Log.Rejected(logger, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Rejected an in-memory message: {Reason}")]
        public static partial void Rejected(ILogger logger, string reason);
    }
}
