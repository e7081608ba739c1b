namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>One problem in a config document; <see cref="Key"/> is its snake_case path, e.g. <c>decision.min_regime_confidence</c>.</summary>
public sealed record ConfigError(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}
