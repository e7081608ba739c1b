namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>The <c>Bus:Retry</c> section: in-process retry of publishing and auditing a decision.</summary>
public sealed record RetryOptions
{
    public int Attempts { get; init; } = 8;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);
}
