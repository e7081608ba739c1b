using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Admin;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// Builds the engine at start-up (so a bad persisted config or model stops the host at once) and
/// tells the operator where everything is, as the seed's launcher did.
/// </summary>
internal sealed partial class StartupBanner(
    InferenceEngine engine,
    IOptions<AdminOptions> admin,
    IOptions<RegistryOptions> registry,
    IConfiguration configuration,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var snapshot = engine.Snapshot;
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return Task.CompletedTask;
        }

        var url = admin.Value.Urls.Split(';')[0].Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal).TrimEnd('/');
        var models = string.Join(", ", snapshot.ModelVersions.Select(p => $"{p.Key}={p.Value}"));
        var registryRoot = Path.GetFullPath(registry.Value.Root);
        var auditDirectory = Path.GetFullPath(configuration["Audit:Directory"] ?? "logs/ml_layer");
        LogBanner(logger, url, snapshot.ConfigHash, models, configuration["Bus:Transport"] ?? "RabbitMq", registryRoot, auditDirectory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message =
        "Arbitrex ML Layer started\n" +
        "  Admin API:      {AdminUrl}\n" +
        "  Swagger docs:   {AdminUrl}/docs\n" +
        "  Health:         {AdminUrl}/health\n" +
        "  Status page:    {AdminUrl}/ui\n" +
        "  Metrics:        {AdminUrl}/metrics  (Prometheus: {AdminUrl}/metrics/prometheus)\n" +
        "  Config hash:    {ConfigHash}\n" +
        "  Models:         {ModelVersions}\n" +
        "  Bus transport:  {Transport}\n" +
        "  Model registry: {RegistryRoot}\n" +
        "  Audit folder:   {AuditDirectory}")]
    private static partial void LogBanner(ILogger logger, string adminUrl, string configHash, string modelVersions, string transport, string registryRoot, string auditDirectory);
}
