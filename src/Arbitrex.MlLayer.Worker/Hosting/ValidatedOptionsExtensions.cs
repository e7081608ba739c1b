using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>The one way the worker validates an options section: by a given validator, at start-up.</summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Checks <typeparamref name="TOptions"/> with <paramref name="validator"/> before the host starts, so a bad value
    /// stops start-up with one line per invalid option (<see cref="InvalidConfiguration"/>) instead of failing at first
    /// use. The validator of data annotations is the one <c>[OptionsValidator]</c> generates: unlike
    /// <c>ValidateDataAnnotations</c> it reads no attributes by reflection, so it survives trimming. Further validators
    /// (<see cref="IValidateOptions{TOptions}"/>) join through the returned builder or the container.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateOnStartWith<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this OptionsBuilder<TOptions> options, IValidateOptions<TOptions> validator)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(validator);
        options.Services.TryAddEnumerable(ServiceDescriptor.Singleton(validator));
        return options.ValidateOnStart();
    }
}
