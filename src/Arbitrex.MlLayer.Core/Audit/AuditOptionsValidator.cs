using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>Checks the data annotations of <see cref="AuditOptions"/>; generated at build time, so no reflection over the options type.</summary>
[OptionsValidator]
public sealed partial class AuditOptionsValidator : IValidateOptions<AuditOptions>;
