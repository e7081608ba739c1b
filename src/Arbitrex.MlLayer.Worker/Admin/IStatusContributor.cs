namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>A component that reports its state in <c>GET /status</c> (bus, audit, registry, ...).</summary>
public interface IStatusContributor
{
    string Name { get; }

    object? Describe();
}
