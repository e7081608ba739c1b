namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>Live quality of one set of outcomes (a version's window, or one regime within it).</summary>
public sealed record QualityFigures
{
    /// <summary>Outcomes in the set.</summary>
    public required long Outcomes { get; init; }

    /// <summary>Outcomes labelled success.</summary>
    public required long Successes { get; init; }

    /// <summary>Success rate among the allowed trades (<c>allow_trade</c> true); its count is the allowed trades.</summary>
    public required QualityFigure HitRate { get; init; }

    /// <summary>Area under the ROC curve of <c>success_probability</c> against <c>success</c>, ties counted one half.</summary>
    public required QualityFigure Auc { get; init; }

    /// <summary>Mean squared difference between the probability and the 0/1 outcome.</summary>
    public required QualityFigure Brier { get; init; }

    /// <summary>Mean negative log-likelihood, probabilities clipped as scikit-learn's <c>log_loss</c> clips them.</summary>
    public required QualityFigure LogLoss { get; init; }

    public required CalibrationTable Calibration { get; init; }
}
