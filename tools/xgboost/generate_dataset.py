#!/usr/bin/python3
"""Write a small synthetic labelled dataset for the signal filter: one row per closed bar.

    /usr/bin/python3 tools/xgboost/generate_dataset.py --rows 5000 --out data/signal_filter.csv

Columns: bar_time (ISO 8601 UTC, increasing), symbol, timeframe, the 16 canonical features (empty
cell = missing), outcome (1 = the trade on this bar succeeded, 0 = it did not). Outcomes are drawn
from a known logistic function of the features plus noise, so a trained model has something real
(but not too much) to find.
"""
import argparse
import csv
import datetime
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synthetic import CANONICAL_FEATURES, features, success_logit, with_missing  # noqa: E402

SYMBOLS = ["EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "XAUUSD"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--missing-rate", type=float, default=0.03, help="fraction of feature cells left empty")
    parser.add_argument("--noise", type=float, default=1.0, help="scale of the logit noise (higher = harder)")
    parser.add_argument("--out", default="signal_filter_dataset.csv")
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    x = features(rng, args.rows)
    logit = success_logit(x) + rng.normal(0, args.noise, args.rows)
    outcome = (rng.random(args.rows) < 1 / (1 + np.exp(-logit))).astype(int)
    x = with_missing(rng, x, args.missing_rate)
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["bar_time", "symbol", "timeframe", *CANONICAL_FEATURES, "outcome"])
        for i in range(args.rows):
            bar_time = start + datetime.timedelta(hours=4 * (i // len(SYMBOLS)))
            values = ["" if np.isnan(v) else repr(float(v)) for v in x[i]]
            writer.writerow([bar_time.strftime("%Y-%m-%dT%H:%M:%SZ"), SYMBOLS[i % len(SYMBOLS)], "4H", *values, outcome[i]])
    print(f"wrote {args.rows} rows ({outcome.mean():.1%} successes) to {args.out}")


if __name__ == "__main__":
    main()
