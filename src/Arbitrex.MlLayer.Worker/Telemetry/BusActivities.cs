using System.Diagnostics;
using System.Text;
using Arbitrex.MlLayer.Worker.Bus.Delivery;

namespace Arbitrex.MlLayer.Worker.Telemetry;

/// <summary>
/// The spans of a bar's path: <c>receive</c> (one per half, continuing a <c>traceparent</c> header the publisher
/// sent), <c>decide</c>, <c>audit</c> and <c>publish</c> (whose context goes out in the decision's headers). Without a
/// listener (tracing off) every start returns null and costs nothing more.
/// </summary>
public static class BusActivities
{
    public const string SourceName = "Arbitrex.MlLayer";

    /// <summary>The W3C trace-context header, as AMQP publishers (pika, MassTransit) carry it.</summary>
    public const string TraceParentHeader = "traceparent";

    private const string TraceStateHeader = "tracestate";

    internal static readonly ActivitySource Source = new(SourceName, typeof(BusActivities).Assembly.GetName().Version?.ToString());

    /// <summary>A consumer span for <paramref name="delivery"/>, child of the publisher's span when the message names one.</summary>
    public static Activity? StartReceive(IInboundDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(HeaderText(delivery.Headers, TraceParentHeader), HeaderText(delivery.Headers, TraceStateHeader), isRemote: true, out var parent);
        var activity = Source.StartActivity("receive " + delivery.Exchange, ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "rabbitmq")
            .SetTag("messaging.operation.type", "receive")
            .SetTag("messaging.destination.name", delivery.Exchange)
            .SetTag("messaging.rabbitmq.destination.routing_key", delivery.RoutingKey);
        return activity;
    }

    public static Activity? StartDecide(string symbol, string timeframe, DateTime barTime)
    {
        var activity = Source.StartActivity("decide");
        activity?.SetTag("arbitrex.symbol", symbol)
            .SetTag("arbitrex.timeframe", timeframe)
            .SetTag("arbitrex.bar_time", barTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return activity;
    }

    public static Activity? StartAudit(string decisionId) =>
        Source.StartActivity("audit")?.SetTag("arbitrex.decision_id", decisionId);

    public static Activity? StartPublish(string exchange, string routingKey, string decisionId) =>
        Source.StartActivity("publish " + exchange, ActivityKind.Producer)?
            .SetTag("messaging.system", "rabbitmq")
            .SetTag("messaging.operation.type", "send")
            .SetTag("messaging.destination.name", exchange)
            .SetTag("messaging.rabbitmq.destination.routing_key", routingKey)
            .SetTag("messaging.message.id", decisionId);

    /// <summary>Headers carrying the current span's context to subscribers; null when no span is recorded.</summary>
    public static Dictionary<string, object?>? TraceHeaders()
    {
        var current = Activity.Current;
        if (current is null || current.Source != Source)
        {
            return null;
        }

        var headers = new Dictionary<string, object?>(2) { [TraceParentHeader] = current.Id };
        if (!string.IsNullOrEmpty(current.TraceStateString))
        {
            headers[TraceStateHeader] = current.TraceStateString;
        }

        return headers;
    }

    /// <summary>AMQP carries header strings as bytes; the in-process broker as strings.</summary>
    private static string? HeaderText(IReadOnlyDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value)
            ? value switch
            {
                string text => text,
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                ReadOnlyMemory<byte> memory => Encoding.UTF8.GetString(memory.Span),
                _ => null,
            }
            : null;
}
