namespace Arbitrex.MlLayer.Worker.Bus.Inbound;

/// <summary>A message that can never be processed; the reason goes into the error queue's header.</summary>
public sealed class PoisonMessageException : Exception
{
    public PoisonMessageException()
    {
    }

    public PoisonMessageException(string message)
        : base(message)
    {
    }

    public PoisonMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
