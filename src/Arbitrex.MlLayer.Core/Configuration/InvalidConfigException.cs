namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>A config document that was refused; nothing was applied.</summary>
public sealed class InvalidConfigException : Exception
{
    public InvalidConfigException()
        : this([])
    {
    }

    public InvalidConfigException(string message)
        : this([new ConfigError(string.Empty, message)])
    {
    }

    public InvalidConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ConfigError(string.Empty, message)];
    }

    public InvalidConfigException(IReadOnlyList<ConfigError> errors)
        : base(errors.Count == 0 ? "Invalid configuration." : "Invalid configuration: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ConfigError> Errors { get; }
}
