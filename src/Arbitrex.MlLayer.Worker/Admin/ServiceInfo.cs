using System.Reflection;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Process-wide facts for <c>/</c>, <c>/health</c> and <c>/status</c>.</summary>
public sealed class ServiceInfo(TimeProvider time)
{
    public const string Name = "Arbitrex ML Layer";

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public string Version { get; } = typeof(ServiceInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public TimeSpan Uptime => time.GetUtcNow() - StartedAt;
}
