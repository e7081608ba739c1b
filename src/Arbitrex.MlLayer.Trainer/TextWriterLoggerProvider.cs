using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Trainer;

/// <summary>
/// Writes log lines (<c>[HH:mm:ss LVL] message</c>) to a <see cref="TextWriter"/>, so <c>train</c> reports its
/// progress on its output. Information and above.
/// </summary>
public sealed class TextWriterLoggerProvider(TextWriter output, TimeProvider timeProvider) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new Writer(this);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string message, Exception? exception)
    {
        var time = timeProvider.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var tag = level switch
        {
            LogLevel.Information => "INF",
            LogLevel.Warning => "WRN",
            LogLevel.Error => "ERR",
            _ => "CRT",
        };
        lock (_gate)
        {
            output.WriteLine($"[{time} {tag}] {message}");
            if (exception is not null)
            {
                output.WriteLine(exception.ToString());
            }
        }
    }

    private sealed class Writer(TextWriterLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, formatter(state, exception), exception);
            }
        }
    }
}
