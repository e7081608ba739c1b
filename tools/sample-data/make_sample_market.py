#!/usr/bin/python3
"""Writes the embedded demo's market: bars of three symbols computed from simulated prices.

Each symbol's log price follows a regime-switching process (trending stretches with drift, ranging
stretches that revert to a level, volatile stretches with high variance and jumps; stretch lengths
from a Markov chain), with a shared market factor so symbols correlate. The 16 canonical features
and the five QSE gates are then computed from the price path over rolling windows, the way a
feature pipeline would, so the demo shows every regime and both allowed and suppressed trades.

One CSV row a bar: symbol, index, the simulated regime, the 16 features, then the five gate values;
a gate value ending in '!' did not pass (signal_valid is true when all five pass).

Deterministic: the same seed writes the same file.
  /usr/bin/python3 tools/sample-data/make_sample_market.py [--check]
"""
import argparse
import math
import pathlib
import sys

import numpy as np

OUT = pathlib.Path(__file__).resolve().parents[2] / "src/Arbitrex.MlLayer.Worker/SampleData/sample_market.csv"
SYMBOLS = {"EURUSD": 1.0850, "GBPUSD": 1.2700, "USDJPY": 151.20, "AUDUSD": 0.6550}
BARS = 720           # per symbol, written after the warm-up
WARMUP = 260         # bars needed by the longest window (volatility percentile over 250)
FEATURES = ["momentum_score", "efficiency_ratio", "volatility", "volatility_percentile", "correlation",
            "trend_strength", "rsi", "z_score", "autocorrelation", "hurst_exponent", "atr_ratio", "volume_ratio",
            "spread_bps", "range_compression", "drawdown", "skewness"]
GATES = ["trend_persistence", "stationarity", "z_score_gate", "autocorrelation_gate", "signal_validity"]
W = 20               # main feature window
SEED = 7

# regime -> (mean stretch length, drift per bar, volatility per bar)
REGIMES = {"trend": (45, 0.00055, 0.0010), "range": (30, 0.0, 0.0008), "volatile": (8, 0.0, 0.0030)}
TRANSITIONS = {"trend": ["range", "range", "volatile"], "range": ["trend", "trend", "volatile"], "volatile": ["range", "trend"]}


def simulate(rng, market, start):
    n = len(market)
    regime, left, sign = "range", 0, 1.0
    logp = np.empty(n)
    level = math.log(start)
    logp_prev = level
    labels = []
    for t in range(n):
        if left <= 0:
            regime = TRANSITIONS[regime][rng.integers(len(TRANSITIONS[regime]))]
            left = max(5, int(rng.exponential(REGIMES[regime][0])))
            sign = 1.0 if rng.random() < 0.5 else -1.0
            level = logp_prev
        mean_len, drift, vol = REGIMES[regime]
        if regime == "trend":
            r = sign * drift + 0.6 * vol * rng.standard_normal() + 0.4 * vol * market[t]
        elif regime == "range":
            r = -0.15 * (logp_prev - level) + 0.7 * vol * rng.standard_normal() + 0.5 * vol * market[t]
        else:
            jump = (rng.standard_normal() * 4 * vol) if rng.random() < 0.08 else 0.0
            r = vol * rng.standard_normal() + 0.5 * vol * market[t] + jump
        logp_prev = logp_prev + r
        logp[t] = logp_prev
        labels.append(regime)
        left -= 1
    return logp, labels


def rsi(r, n=14):
    up = np.clip(r[-n:], 0, None).mean()
    down = np.clip(-r[-n:], 0, None).mean()
    return 50.0 if up + down == 0 else 100.0 * up / (up + down)


def skew(x):
    s = x.std()
    return 0.0 if s == 0 else float(((x - x.mean()) ** 3).mean() / s ** 3)


def autocorr(x):
    a, b = x[:-1] - x[:-1].mean(), x[1:] - x[1:].mean()
    d = math.sqrt((a * a).sum() * (b * b).sum())
    return 0.0 if d == 0 else float((a * b).sum() / d)


def features_at(t, logp, r, vols, market, volume, rng):
    p = np.exp(logp)
    win = r[t - W + 1:t + 1]
    vol = float(win.std())
    move = abs(p[t] - p[t - W])
    path = float(np.abs(np.diff(p[t - W:t + 1])).sum())
    er = 0.0 if path == 0 else move / path
    mom = math.tanh(win.sum() / (vol * math.sqrt(W) + 1e-12) / 2.0)
    hist = vols[t - 249:t + 1]
    vp = float((hist < vol).mean())
    x = np.arange(W)
    y = logp[t - W + 1:t + 1]
    slope, icpt = np.polyfit(x, y, 1)
    resid = y - (slope * x + icpt)
    r2 = 1.0 - resid.var() / (y.var() + 1e-18)
    price_w = p[t - W + 1:t + 1]
    z = (p[t] - price_w.mean()) / (price_w.std() + 1e-12)
    k4 = np.add.reduceat(r[t - 63:t + 1], np.arange(0, 64, 4))
    hurst = math.log((k4.std() + 1e-12) / (r[t - 63:t + 1].std() + 1e-12)) / math.log(4)
    atr = float(np.abs(r[t - 13:t + 1]).mean()) / (float(np.abs(r[t - 99:t + 1]).mean()) + 1e-12)
    hi10, lo10 = p[t - 9:t + 1].max(), p[t - 9:t + 1].min()
    hi50, lo50 = p[t - 49:t + 1].max(), p[t - 49:t + 1].min()
    comp = 1.0 - (hi10 - lo10) / (hi50 - lo50 + 1e-12)
    dd = 1.0 - p[t] / p[t - 99:t + 1].max()
    corr = np.corrcoef(win, market[t - W + 1:t + 1])[0, 1]
    clip = lambda v, lo, hi: float(min(hi, max(lo, v)))
    return {
        "momentum_score": round(clip(mom, -1, 1), 4),
        "efficiency_ratio": round(clip(er, 0, 1), 4),
        "volatility": round(vol, 6),
        "volatility_percentile": round(vp, 4),
        "correlation": round(clip(corr, -1, 1), 4),
        "trend_strength": round(clip(r2, 0, 1), 4),
        "rsi": round(rsi(r[:t + 1]), 2),
        "z_score": round(clip(z, -5, 5), 3),
        "autocorrelation": round(clip(autocorr(win), -1, 1), 4),
        "hurst_exponent": round(clip(hurst, 0, 1), 4),
        "atr_ratio": round(clip(atr, 0.1, 5), 4),
        "volume_ratio": round(clip(volume[t] / volume[t - W + 1:t + 1].mean(), 0.1, 5), 4),
        "spread_bps": round(clip(0.6 + 900 * vol + 0.3 * rng.random(), 0.1, 20), 3),
        "range_compression": round(clip(comp, 0, 1), 4),
        "drawdown": round(clip(dd, 0, 1), 5),
        "skewness": round(clip(skew(win), -3, 3), 4),
    }


def gates_for(f):
    persistence = 0.5 + 0.5 * abs(f["momentum_score"]) * f["efficiency_ratio"] ** 0.5
    stationarity = round(min(0.2, 0.005 + 0.1 * max(0.0, f["hurst_exponent"] - 0.55)), 4)
    g = {
        "trend_persistence": {"passed": persistence >= 0.6, "value": round(persistence, 4)},
        "stationarity": {"passed": stationarity < 0.05, "value": stationarity},
        "z_score_gate": {"passed": abs(f["z_score"]) >= 0.8, "value": f["z_score"]},
        "autocorrelation_gate": {"passed": f["autocorrelation"] > -0.3, "value": f["autocorrelation"]},
        "signal_validity": {"passed": f["volatility_percentile"] < 0.97, "value": 1.0 if f["volatility_percentile"] < 0.97 else 0.0},
    }
    return all(v["passed"] for v in g.values()), g


def build():
    rng = np.random.default_rng(SEED)
    n = WARMUP + BARS
    market = rng.standard_normal(n)
    rows = []
    for symbol, start in SYMBOLS.items():
        logp, labels = simulate(rng, market, start)
        r = np.diff(logp, prepend=logp[0])
        vols = np.array([r[max(0, t - W + 1):t + 1].std() for t in range(n)])
        volume = np.exp(0.3 * rng.standard_normal(n)) * (1 + 200 * np.abs(r))
        for i, t in enumerate(range(WARMUP, n)):
            f = features_at(t, logp, r, vols, market, volume, rng)
            valid, gates = gates_for(f)
            cells = [symbol, str(i), labels[t]] + [repr(f[name]) for name in FEATURES]
            cells += [repr(gates[g]["value"]) + ("" if gates[g]["passed"] else "!") for g in GATES]
            rows.append(",".join(cells))
    header = ",".join(["symbol", "index", "simulated_regime"] + FEATURES + GATES)
    return header + "\n" + "".join(row + "\n" for row in rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="fail when the committed file differs")
    text = build()
    if ap.parse_args().check:
        if OUT.read_text() != text:
            sys.exit(f"{OUT} is not what this script writes; run it without --check")
        print(f"{OUT.name}: up to date")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT} ({text.count(chr(10)) - 1} bars)")


if __name__ == "__main__":
    main()
