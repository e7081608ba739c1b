using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Core.Registry;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Registered {ModelName} {Version} ({Kind}), sha256 {Sha256}")]
    public static partial void Registered(ILogger logger, string modelName, string version, ModelKind kind, string sha256);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Refused to register {ModelName} {Version}: {Reason}")]
    public static partial void RegistrationRefused(ILogger logger, string modelName, string version, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Deleted {ModelName} {Version} from the registry")]
    public static partial void Deleted(ILogger logger, string modelName, string version);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Artifact of {ModelName} {Version} does not match its registered SHA-256")]
    public static partial void Tampered(ILogger logger, string modelName, string version);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Could not remove file {Path} of a deleted model version")]
    public static partial void LeftoverFile(ILogger logger, string path, Exception exception);
}
