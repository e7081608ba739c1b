namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>Takes outcomes once they are recorded (audited); live quality figures are computed from them.</summary>
public interface IOutcomeSink
{
    void Record(ScoredOutcome outcome);
}
