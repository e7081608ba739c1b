namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>The <c>Bus:Retry</c> section: in-process retry of publishing and auditing a decision.</summary>
public sealed record RetryOptions
{
    public int Attempts { get; set; } = 8;

    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);
}
