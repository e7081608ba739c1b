namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>The <c>Bus:Outcomes</c> section: joining trade outcomes to the decisions they followed.</summary>
public sealed record OutcomeOptions
{
    /// <summary>
    /// Recent bus decisions an outcome can be joined to (about 250 bytes each), oldest forgotten first; loaded from the
    /// audit log at start. An outcome for an older decision goes to the error queue. Default 100,000.
    /// </summary>
    public int DecisionCapacity { get; set; } = 100_000;

    /// <summary>
    /// Embedded mode only: the sample feed publishes an outcome for each decided bar this long after the decision, so
    /// live quality fills up as outcomes arrive late, as they do from a signal generator. Default 5 s.
    /// </summary>
    public TimeSpan SampleOutcomeDelay { get; set; } = TimeSpan.FromSeconds(5);
}
