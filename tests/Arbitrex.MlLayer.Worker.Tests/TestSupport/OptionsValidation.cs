using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>What an options class's generated validator reports for an options object, message by message.</summary>
internal static class OptionsValidation
{
    /// <summary>The messages without the property name the generated validator puts before each ("Urls: Admin:Urls must …").</summary>
    public static List<string> Errors<TOptions>(IValidateOptions<TOptions> validator, TOptions options)
        where TOptions : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? [.. result.Failures.Select(f => f[(f.IndexOf(": ", StringComparison.Ordinal) + 2)..])] : [];
    }
}
