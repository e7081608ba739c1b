namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>Governance switches.</summary>
public sealed record GovernanceConfig
{
    /// <summary>Write every decision to the audit log (<c>predictions.jsonl</c>).</summary>
    public bool EnablePredictionLogging { get; init; } = true;
}
