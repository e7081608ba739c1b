using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Telemetry;

/// <summary>Checks the data annotations of <see cref="TracingOptions"/>; generated at build time, so no reflection over the options type.</summary>
[OptionsValidator]
internal sealed partial class TracingOptionsValidator : IValidateOptions<TracingOptions>;
