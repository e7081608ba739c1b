using Arbitrex.MlLayer.Core.Configuration;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// The <c>MlLayer</c> section read as the runtime config document. Problems found while reading it
/// are kept in <see cref="ReadErrors"/> so start-up validation can report them with the rest.
/// </summary>
public sealed class EngineOptions
{
    public EngineConfig Config { get; set; } = new();

    public IReadOnlyList<ConfigError> ReadErrors { get; set; } = [];
}
