using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>Checks the data annotations of <see cref="LiveQualityOptions"/>; generated at build time, so no reflection over the options type.</summary>
[OptionsValidator]
public sealed partial class LiveQualityOptionsValidator : IValidateOptions<LiveQualityOptions>;
