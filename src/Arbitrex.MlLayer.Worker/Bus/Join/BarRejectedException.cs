namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>The engine refused the bar's input; every delivery of the bar belongs in the error queue.</summary>
public sealed class BarRejectedException : Exception
{
    public BarRejectedException()
    {
    }

    public BarRejectedException(string message)
        : base(message)
    {
    }

    public BarRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
