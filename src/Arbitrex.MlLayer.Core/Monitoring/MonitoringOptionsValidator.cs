using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// Checks the configured alert rules at start-up (with <c>ValidateOnStart</c>) so a bad rule stops
/// the host with a message naming the rule and field, instead of failing when the monitor is built.
/// </summary>
public sealed class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (options.DefaultAlertRulesEnabled)
        {
            names.UnionWith(DefaultAlertRules.All.Select(r => r.Name));
        }

        for (var i = 0; i < options.AlertRules.Count; i++)
        {
            var rule = options.AlertRules[i];
            try
            {
                AlertRuleValidator.Validate(rule.ToRule());
                if (!names.Add(rule.Name))
                {
                    failures.Add($"Monitoring:AlertRules:{i}:name: an alert rule named '{rule.Name}' already exists.");
                }
            }
            catch (InvalidAlertRuleException exception)
            {
                failures.Add($"Monitoring:AlertRules:{i}:{exception.Field}: {exception.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
