using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// Turns a start-up failure caused by configuration into one line per invalid option, so the worker
/// can print them and exit with <see cref="ExitCode"/> instead of dying with a stack trace.
/// </summary>
public static class InvalidConfiguration
{
    /// <summary><c>EX_CONFIG</c> from sysexits.h: a configuration error; systemd and supervisors do not retry it as a crash.</summary>
    public const int ExitCode = 78;

    /// <summary>The invalid options <paramref name="exception"/> reports, one line each; empty when it is not a configuration failure.</summary>
    public static IReadOnlyList<string> Lines(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            OptionsValidationException invalid => [.. invalid.Failures.Select(f => "Invalid configuration: " + f.ReplaceLineEndings(" "))],
            // Distinct: a validator that reads other options (EngineOptionsValidator reads MonitoringOptions) fails with their failures too.
            AggregateException aggregate when aggregate.Flatten().InnerExceptions.All(e => Lines(e).Count > 0) =>
                [.. aggregate.Flatten().InnerExceptions.SelectMany(Lines).Distinct(StringComparer.Ordinal)],

            // The configuration binder's refusal of a value it cannot convert ("Failed to convert configuration value 'x' at 'Admin:MaxBatchSize' ...").
            InvalidOperationException binder when binder.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
                ["Invalid configuration: " + binder.Message.ReplaceLineEndings(" ")],
            _ => [],
        };
    }

    /// <summary>Validates every options class registered with <c>ValidateOnStart</c> now, before anything starts.</summary>
    public static void ValidateNow(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetRequiredService<IStartupValidator>().Validate();
    }
}
