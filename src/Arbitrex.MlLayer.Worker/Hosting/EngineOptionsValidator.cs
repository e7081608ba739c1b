using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Monitoring;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>Refuses to start with a config document that names an unknown key or a bad value, naming the key as an operator would set it.</summary>
internal sealed class EngineOptionsValidator(IOptions<MonitoringOptions> monitoring) : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        var errors = options.ReadErrors.Count > 0 ? options.ReadErrors : EngineConfigValidator.Validate(options.Config, HostAlertRules.Names(monitoring.Value));
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => $"{EngineConfig.SectionName}:{e.Key.Replace('.', ':')}: {e.Message}"));
    }
}
