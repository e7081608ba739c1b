namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>What became of one ad-hoc prediction request (a row, for a batch).</summary>
public enum AdHocOutcome
{
    /// <summary>Decided with <c>allow_trade: true</c>.</summary>
    Allowed,

    /// <summary>Decided with <c>allow_trade: false</c>.</summary>
    Suppressed,

    /// <summary>Refused as invalid input (400, or an item of the batch's <c>errors</c>).</summary>
    Refused,

    /// <summary>Refused by <c>Admin:PredictRateLimit</c> (429); a whole request, whatever its rows.</summary>
    RateLimited,
}
