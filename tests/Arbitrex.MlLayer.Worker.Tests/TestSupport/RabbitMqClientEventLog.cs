using System.Diagnostics.Tracing;
using System.Globalization;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>
/// Writes RabbitMQ.Client's event source (connection recovery, socket loop faults) to a file, one line an
/// event; started once a process by <see cref="InProcessWorker"/> when its diagnostic log is asked for.
/// </summary>
internal sealed class RabbitMqClientEventLog : EventListener
{
    private static readonly Lock StartLock = new();
    private static RabbitMqClientEventLog? s_instance;
    private StreamWriter? _writer;

    public static void Start(string path)
    {
        lock (StartLock)
        {
            if (s_instance is not null)
            {
                return;
            }

            // Constructing enables the sources created so far, before _writer is set; their events are dropped.
            s_instance = new RabbitMqClientEventLog();
            s_instance._writer = new StreamWriter(path, append: true) { AutoFlush = true };
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name.StartsWith("rabbitmq", StringComparison.OrdinalIgnoreCase))
        {
            EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        var writer = _writer;
        if (writer is null)
        {
            return;
        }

        var payload = eventData.Payload is null ? string.Empty : string.Join(" | ", eventData.Payload.Select(Describe));
        lock (writer)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:HH:mm:ss.fff} [{eventData.Level}] {eventData.Message ?? eventData.EventName} {payload}"));
        }
    }

    // The client's error events carry the exception as a nested payload of name/value pairs.
    private static string Describe(object? value) => value switch
    {
        IDictionary<string, object?> fields => "{" + string.Join(", ", fields.Select(f => f.Key + "=" + Describe(f.Value))) + "}",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public override void Dispose()
    {
        _writer?.Dispose();
        base.Dispose();
    }
}
