using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Checks the data annotations of <see cref="AdminOptions"/>; generated at build time, so no reflection over the options type.</summary>
[OptionsValidator]
internal sealed partial class AdminOptionsValidator : IValidateOptions<AdminOptions>;
