using System.Reflection;
using Arbitrex.MlLayer.Core.Monitoring;
using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Core.Tests;

public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_message_of_core_has_its_own_event_id()
    {
        var messages = typeof(MlMonitor).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        var shared = messages
            .GroupBy(m => m.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}");

        Assert.True(messages.Count > 10, $"only {messages.Count} [LoggerMessage] methods found");
        Assert.Empty(shared);
    }
}
