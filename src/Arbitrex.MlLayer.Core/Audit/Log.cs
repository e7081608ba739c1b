using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Core.Audit;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Audit log {Path} resumed at sequence {Sequence}, last hash {Hash}")]
    public static partial void AuditResumed(ILogger logger, string path, long sequence, string hash);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Audit log {Path} ended in a torn record of {Bytes} bytes at offset {Offset} (a write cut short by a crash; never acknowledged); moved it to {SavedTo} and truncated the file")]
    public static partial void AuditTornTailTruncated(ILogger logger, string path, long bytes, long offset, string savedTo);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Audit log rotated to {RotatedPath} after sequence {Sequence}")]
    public static partial void AuditRotated(ILogger logger, string rotatedPath, long sequence);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Audit write of {Records} records failed; they were not acknowledged and the file was rolled back to sequence {Sequence}")]
    public static partial void AuditWriteFailed(ILogger logger, Exception exception, int records, long sequence);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Critical, Message = "Audit log {Path} could not be rolled back after a failed write; every further append fails until restart")]
    public static partial void AuditWriterFaulted(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Audit log disabled (Audit:Enabled=false); decisions are not recorded")]
    public static partial void AuditDisabled(ILogger logger);
}
