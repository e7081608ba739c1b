using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>Checks the data annotations of <see cref="DriftOptions"/>; generated at build time, so no reflection over the options type.</summary>
[OptionsValidator]
public sealed partial class DriftOptionsValidator : IValidateOptions<DriftOptions>;
