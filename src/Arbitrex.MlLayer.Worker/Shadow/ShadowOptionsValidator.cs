using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Shadow;

/// <summary>Checks the data annotations of <see cref="ShadowOptions"/>; generated at build time, so no reflection over the options type.</summary>
[OptionsValidator]
internal sealed partial class ShadowOptionsValidator : IValidateOptions<ShadowOptions>;
