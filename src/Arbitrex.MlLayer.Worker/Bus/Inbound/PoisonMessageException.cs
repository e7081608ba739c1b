using Arbitrex.MlLayer.Worker.Bus.Join;

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

    /// <summary>A half whose bar key is valid but whose content is not, so its partner can be told.</summary>
    public PoisonMessageException(string message, BarKey key, HalfKind kind)
        : base(message)
    {
        Key = key;
        Kind = kind;
    }

    /// <summary>The bar of the refused half, when its key could be read and is valid.</summary>
    public BarKey? Key { get; }

    /// <summary>Which half was refused, when <see cref="Key"/> is set.</summary>
    public HalfKind? Kind { get; }
}
