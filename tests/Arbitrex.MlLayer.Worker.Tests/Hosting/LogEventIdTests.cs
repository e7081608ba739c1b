using System.Reflection;
using Arbitrex.MlLayer.Worker.Bus;
using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Worker.Tests.Hosting;

public sealed class LogEventIdTests
{
    [Fact]
    public void Every_logger_message_of_the_worker_has_its_own_event_id()
    {
        // Log queries and alerts select by event id; two messages sharing one would be confused.
        var messages = typeof(BusOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        var shared = messages
            .GroupBy(m => m.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => $"{m.Method.DeclaringType!.DeclaringType?.Name}.{m.Method.Name}"))}")
            .ToList();

        Assert.NotEmpty(messages);
        Assert.Empty(shared);
    }
}
