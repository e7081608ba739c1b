"""Synthetic bars over the 16 canonical features, shared by the fixture and dataset generators.

The order of CANONICAL_FEATURES matches src/Arbitrex.MlLayer.Contracts/CanonicalFeatures.cs.
"""
import numpy as np

CANONICAL_FEATURES = [
    "momentum_score", "efficiency_ratio", "volatility", "volatility_percentile",
    "correlation", "trend_strength", "rsi", "z_score", "autocorrelation", "hurst_exponent",
    "atr_ratio", "volume_ratio", "spread_bps", "range_compression", "drawdown", "skewness",
]


def features(rng, n):
    """n rows of plausible feature values (rounded to 4 decimals so C# and numpy see the same doubles)."""
    columns = {
        "momentum_score": rng.uniform(-1, 1, n),
        "efficiency_ratio": rng.beta(2, 3, n),
        "volatility": rng.gamma(2.0, 0.005, n),
        "volatility_percentile": rng.uniform(0, 1, n),
        "correlation": rng.uniform(-1, 1, n),
        "trend_strength": rng.beta(2, 2, n),
        "rsi": rng.uniform(5, 95, n),
        "z_score": rng.normal(0, 1.5, n),
        "autocorrelation": rng.uniform(-0.6, 0.6, n),
        "hurst_exponent": rng.normal(0.5, 0.08, n),
        "atr_ratio": rng.lognormal(0, 0.3, n),
        "volume_ratio": rng.lognormal(0, 0.5, n),
        "spread_bps": rng.gamma(2.0, 1.0, n),
        "range_compression": rng.uniform(0, 1, n),
        "drawdown": -rng.gamma(1.5, 0.02, n),
        "skewness": rng.normal(0, 1, n),
    }
    return np.round(np.column_stack([columns[f] for f in CANONICAL_FEATURES]), 4)


def success_logit(x):
    """A noisy-free logit of trade success: trend + efficiency help, wide spreads and drawdowns hurt."""
    f = {name: np.nan_to_num(x[:, i]) for i, name in enumerate(CANONICAL_FEATURES)}
    return (1.6 * f["momentum_score"] * f["trend_strength"]
            + 2.0 * (f["efficiency_ratio"] - 0.4)
            + 3.0 * (f["hurst_exponent"] - 0.5)
            - 0.35 * (f["spread_bps"] - 2.0)
            + 6.0 * f["drawdown"]
            + 0.8 * np.where(f["rsi"] > 70, -1.0, 0.0)
            + 0.5 * np.tanh(f["z_score"]) * np.sign(f["momentum_score"])
            + 0.4 * (f["volatility_percentile"] > 0.8))


def with_missing(rng, x, rate):
    """Blank out a fraction of the cells (NaN = missing, as xgboost expects)."""
    x = x.copy()
    x[rng.random(x.shape) < rate] = np.nan
    return x
