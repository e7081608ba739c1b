namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Collects what every <see cref="IStatusContributor"/> reports.</summary>
public sealed class StatusSources(IEnumerable<IStatusContributor> contributors)
{
    public IReadOnlyDictionary<string, object?> Describe() =>
        contributors.OrderBy(c => c.Name, StringComparer.Ordinal).ToDictionary(c => c.Name, c => c.Describe(), StringComparer.Ordinal);
}
