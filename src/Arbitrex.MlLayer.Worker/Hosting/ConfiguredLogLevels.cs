using Microsoft.Extensions.Options;
using Serilog;
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

    /// <summary>Applies the configured levels after the built-in ones, so a configured level wins over a built-in one.</summary>
    /// <exception cref="OptionsValidationException">A level is not a Serilog level name; one failure per such key.</exception>
    public static LoggerConfiguration Apply(LoggerConfiguration logger, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var failures = new List<string>();
        var defaultKey = section.Value is null ? section.GetSection("Default") : section;
        if (defaultKey.Value is { } defaultValue && Parse(defaultKey.Path, defaultValue, failures) is { } minimum)
        {
            logger.MinimumLevel.Is(minimum);
        }

        foreach (var rule in section.GetSection("Override").GetChildren())
        {
            if (rule.Value is { } value && Parse(rule.Path, value, failures) is { } level)
            {
                logger.MinimumLevel.Override(rule.Key, level);
            }
        }

        return failures.Count == 0 ? logger : throw new OptionsValidationException(SectionName, typeof(LogEventLevel), failures);
    }

    private static LogEventLevel? Parse(string path, string value, List<string> failures)
    {
        if (Enum.TryParse<LogEventLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level))
        {
            return level;
        }

        failures.Add($"{path} must be one of {string.Join(", ", Enum.GetNames<LogEventLevel>())}, not '{value}'.");
        return null;
    }
}
