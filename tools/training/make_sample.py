#!/usr/bin/env python3
"""Writes tools/training/sample_bars.csv: a labelled data set for `train`, deterministic for a given seed.

Columns: bar_time (hourly, ISO 8601 UTC), the 16 canonical features (tools/xgboost/synthetic.py), label (0/1).
The label is drawn with probability sigmoid(success_logit(x)), so a model can learn it but not perfectly.

    /usr/bin/python3 tools/training/make_sample.py [--rows 2000] [--seed 7] [--out tools/training/sample_bars.csv]
    /usr/bin/python3 tools/training/make_sample.py --check   # exit 1 when the committed file differs from a fresh one
"""
import argparse
import csv
import datetime
import io
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "xgboost"))
from synthetic import CANONICAL_FEATURES, features, success_logit  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample_bars.csv"))
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    x = features(rng, args.rows)
    probability = 1.0 / (1.0 + np.exp(-success_logit(x)))
    labels = (rng.random(args.rows) < probability).astype(int)
    start = datetime.datetime(2026, 1, 5, tzinfo=datetime.timezone.utc)

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["bar_time", *CANONICAL_FEATURES, "label"])
    for i in range(args.rows):
        bar_time = (start + datetime.timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        writer.writerow([bar_time, *(repr(float(v)) for v in x[i]), labels[i]])

    if args.check:
        with open(args.out, newline="") as f:
            same = f.read() == text.getvalue()
        print(f"{args.out}: {'matches' if same else 'DIFFERS from'} a fresh sample")
        sys.exit(0 if same else 1)

    with open(args.out, "w", newline="") as f:
        f.write(text.getvalue())
    print(f"wrote {args.rows} rows ({labels.mean():.3f} positive) to {args.out}")


if __name__ == "__main__":
    main()
