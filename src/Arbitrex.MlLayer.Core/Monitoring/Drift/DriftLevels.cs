namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>The verdicts of a drift check, as reported in <c>GET /metrics</c>.</summary>
public static class DriftLevels
{
    /// <summary>PSI below 0.1.</summary>
    public const string None = "none";

    /// <summary>PSI from 0.1 to below 0.25.</summary>
    public const string Moderate = "moderate";

    /// <summary>PSI of 0.25 or more.</summary>
    public const string Significant = "significant";

    /// <summary>Fewer live values than <c>Monitoring:Drift:MinSample</c>: no verdict.</summary>
    public const string Insufficient = "insufficient";

    /// <summary>The active model has no baseline to compare with.</summary>
    public const string NoBaseline = "no_baseline";
}
