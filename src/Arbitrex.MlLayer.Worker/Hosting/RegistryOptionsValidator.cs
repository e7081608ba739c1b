using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>Checks the data annotations of <see cref="RegistryOptions"/>; generated at build time, so no reflection over the options type.</summary>
[OptionsValidator]
internal sealed partial class RegistryOptionsValidator : IValidateOptions<RegistryOptions>;
