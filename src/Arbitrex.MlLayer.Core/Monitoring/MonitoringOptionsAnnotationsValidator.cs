using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// Checks the data annotations of <see cref="MonitoringOptions"/>; generated at build time, so no reflection over the
/// options type. The alert rules are checked by <see cref="MonitoringOptionsValidator"/>.
/// </summary>
[OptionsValidator]
public sealed partial class MonitoringOptionsAnnotationsValidator : IValidateOptions<MonitoringOptions>;
