using System.Reflection;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// Process-wide facts for <c>/</c>, <c>/health</c> and <c>/status</c>. Registered as a hosted service so
/// it is built when the host starts and uptime counts from there, not from the first request.
/// </summary>
public sealed class ServiceInfo(TimeProvider time) : IHostedService
{
    public const string Name = "Arbitrex ML Layer";

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public string Version { get; } = typeof(ServiceInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public TimeSpan Uptime => time.GetUtcNow() - StartedAt;

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
