namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>An input the engine refuses to guess about; <see cref="Field"/> names the offending field.</summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException()
    {
        Field = string.Empty;
    }

    public InvalidInputException(string message)
        : base(message)
    {
        Field = string.Empty;
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    public InvalidInputException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The snake_case path of the field, e.g. <c>features.volatility</c> or <c>symbol</c>.</summary>
    public string Field { get; }
}
