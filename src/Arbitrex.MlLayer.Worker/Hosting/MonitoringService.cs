using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Configuration;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// Keeps the monitor's custom alert rules in step with the config document, evaluates alerts on a
/// timer (off the prediction path) and exports <c>ml_metrics_*.json</c> snapshots on schedule.
/// </summary>
internal sealed class MonitoringService(
    MlMonitor monitor,
    InferenceEngine engine,
    RuntimeConfigService configs,
    PeriodicMetricsExporter exporter,
    IOptions<MonitoringOptions> options,
    TimeProvider time) : BackgroundService
{
    private readonly Lock _rulesLock = new();
    private readonly Dictionary<string, AlertRule> _customRules = new(StringComparer.Ordinal);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        ApplyRules(engine.Config);
        configs.Changed += ApplyRules;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        configs.Changed -= ApplyRules;
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var export = exporter.RunAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.AlertEvaluationInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                monitor.EvaluateAlerts();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await export;
    }

    private void ApplyRules(EngineConfig config)
    {
        lock (_rulesLock)
        {
            var wanted = config.Monitoring.AlertRules.Select(r => r.ToRule()).ToDictionary(r => r.Name, StringComparer.Ordinal);

            // Identical rules stay installed, so their pending and firing alerts carry on instead of
            // resolving as "rule removed" and firing again after `for` on every unrelated change.
            foreach (var (name, installed) in _customRules.ToList())
            {
                if (!wanted.TryGetValue(name, out var rule) || rule != installed)
                {
                    monitor.RemoveAlertRule(name);
                    _customRules.Remove(name);
                }
            }

            foreach (var rule in wanted.Values.Where(r => !_customRules.ContainsKey(r.Name)))
            {
                monitor.AddAlertRule(rule);
                _customRules.Add(rule.Name, rule);
            }
        }
    }
}
