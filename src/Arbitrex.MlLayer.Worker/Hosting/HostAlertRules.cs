using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>The alert rules the host configures (<c>Monitoring:AlertRules</c>), which custom rules of the config document may not rename.</summary>
internal static class HostAlertRules
{
    public static HashSet<string> Names(MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new HashSet<string>(options.AlertRules.Select(r => r.Name), StringComparer.Ordinal);
    }
}
