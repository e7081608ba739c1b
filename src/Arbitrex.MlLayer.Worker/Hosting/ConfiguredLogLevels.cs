using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// The log levels of the <c>Serilog</c> section, in the shape Serilog.Settings.Configuration reads them:
/// <c>Serilog:MinimumLevel</c> (a level) or <c>Serilog:MinimumLevel:Default</c>, and
/// <c>Serilog:MinimumLevel:Override:&lt;namespace&gt;</c>. Read here, key by key, because that package finds sinks
/// and enrichers by reflection over loaded assemblies and cannot be trimmed; sinks are fixed in code.
/// </summary>
internal static class ConfiguredLogLevels
{
    public const string SectionName = "Serilog:MinimumLevel";

    /// <summary>
    /// Applies the configured levels after the built-in ones, so a configured level wins over a built-in one. A level
    /// changed in a reloaded file (<c>appsettings.json</c>) takes effect at once; a key added or removed later, or
    /// changed to a name that is not a level, waits for a restart.
    /// </summary>
    /// <exception cref="OptionsValidationException">A level is not a Serilog level name; one failure per such key.</exception>
    public static LoggerConfiguration Apply(LoggerConfiguration logger, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var failures = new List<string>();
        var switches = new List<(IConfigurationSection Key, LoggingLevelSwitch Switch)>();
        var defaultKey = section.Value is null ? section.GetSection("Default") : section;
        if (Switch(defaultKey, failures) is { } minimum)
        {
            logger.MinimumLevel.ControlledBy(minimum);
            switches.Add((defaultKey, minimum));
        }

        foreach (var rule in section.GetSection("Override").GetChildren())
        {
            if (Switch(rule, failures) is { } level)
            {
                logger.MinimumLevel.Override(rule.Key, level);
                switches.Add((rule, level));
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(SectionName, typeof(LogEventLevel), failures);
        }

        // Lives as long as the configuration: the switches are the logger's, which lives as long as the host.
        _ = ChangeToken.OnChange(configuration.GetReloadToken, () =>
        {
            foreach (var (key, levelSwitch) in switches)
            {
                if (TryParse(key.Value, out var level))
                {
                    levelSwitch.MinimumLevel = level;
                }
            }
        });
        return logger;
    }

    private static LoggingLevelSwitch? Switch(IConfigurationSection key, List<string> failures)
    {
        if (key.Value is not { } value)
        {
            return null;
        }

        if (TryParse(value, out var level))
        {
            return new LoggingLevelSwitch(level);
        }

        failures.Add($"{key.Path} must be one of {string.Join(", ", Enum.GetNames<LogEventLevel>())}, not '{value}'.");
        return null;
    }

    private static bool TryParse(string? value, out LogEventLevel level) =>
        Enum.TryParse(value, ignoreCase: true, out level) && Enum.IsDefined(level);
}
