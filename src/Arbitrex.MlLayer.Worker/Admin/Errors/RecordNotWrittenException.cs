namespace Arbitrex.MlLayer.Worker.Admin.Errors;

/// <summary>
/// A record the answer depends on (an audit record, a change-log entry) could not be written, so the request had no
/// effect: answered 503 with <see cref="Exception.Message"/> saying which record and why. The caller may retry.
/// </summary>
public sealed class RecordNotWrittenException : Exception
{
    public RecordNotWrittenException()
    {
    }

    public RecordNotWrittenException(string message)
        : base(message)
    {
    }

    public RecordNotWrittenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
