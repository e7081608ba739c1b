namespace Arbitrex.MlLayer.Core.Tests.Registry;

internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
