using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>
/// A logger provider that records the event ids the worker logs and runs an action synchronously, on the
/// logging thread, the first time a chosen event is logged: a way to make something happen at an exact
/// point of the worker's start-up.
/// </summary>
internal sealed class LogEventHook(int eventId, Func<string, bool> matches, Action action) : ILoggerProvider
{
    private int _fired;

    /// <summary>Only records the event ids.</summary>
    public LogEventHook()
        : this(0, _ => false, () => { })
    {
    }

    public ConcurrentQueue<int> EventIds { get; } = new();

    public ILogger CreateLogger(string categoryName) => new HookLogger(this);

    public void Dispose()
    {
    }

    private void Seen(EventId id, string message)
    {
        EventIds.Enqueue(id.Id);
        if (id.Id == eventId && matches(message) && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            action();
        }
    }

    private sealed class HookLogger(LogEventHook hook) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            hook.Seen(eventId, formatter(state, exception));
    }
}
