using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>The one way the worker registers an options section: bound, checked by its data annotations, validated at start-up.</summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/> and validates it before the host starts,
    /// so a bad value stops start-up with one line per invalid option (<see cref="InvalidConfiguration"/>) instead of
    /// failing at first use. Further validators (<see cref="IValidateOptions{TOptions}"/>) join through the returned builder
    /// or the container.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddOptions<TOptions>()
            .BindConfiguration(sectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
