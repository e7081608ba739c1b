namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>Whether a live quality figure is a number, and why not.</summary>
public static class QualityStatus
{
    /// <summary>The figure is computed from at least the minimum number of outcomes.</summary>
    public const string Ok = "ok";

    /// <summary>Fewer outcomes than <see cref="LiveQualityOptions.MinOutcomes"/>: no number is given.</summary>
    public const string Insufficient = "insufficient";

    /// <summary>Enough outcomes, but the figure has no value: the AUC when every outcome has the same label.</summary>
    public const string Undefined = "undefined";
}
