using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Testing;

/// <summary>
/// Event ids of the <c>[LoggerMessage]</c> methods of assemblies. Log queries and alerts select by event id,
/// so two messages sharing one would be confused.
/// </summary>
public static class LoggerMessageIds
{
    /// <summary>How many <c>[LoggerMessage]</c> methods the assemblies hold, and each event id more than one of them uses.</summary>
    public static (int Messages, IReadOnlyList<string> Shared) Of(params Assembly[] assemblies)
    {
        var messages = assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        var shared = messages
            .GroupBy(m => m.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();
        return (messages.Count, shared);
    }
}
