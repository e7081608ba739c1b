#!/usr/bin/python3
"""Time xgboost's own predictor on the benchmark model and rows the C# benchmark uses.

    /usr/bin/python3 tools/xgboost/bench_xgboost.py [--model depth6_trees100] [--json out.json]

Model and rows come from the parity fixtures (tests/Arbitrex.MlLayer.Core.Tests/Models/Xgboost/Fixtures).
Every measurement runs with nthread=1:
  single_row       Booster.inplace_predict on a 1-row array, each of the 1,000 rows in turn
  batch_per_row    Booster.inplace_predict on all 1,000 rows at once, divided by 1,000
  contribs_row     Booster.predict(DMatrix(1 row), pred_contribs=True) (TreeSHAP needs a DMatrix)
  contribs_batch_per_row  Booster.predict(DMatrix(1,000 rows), pred_contribs=True), divided by 1,000
Times are nanoseconds per row: median and p99 over the repetitions.
"""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np
import xgboost as xgb

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FIXTURES = os.path.join(REPO, "tests", "Arbitrex.MlLayer.Core.Tests", "Models", "Xgboost", "Fixtures")


def load(name):
    booster = xgb.Booster()
    with gzip.open(os.path.join(FIXTURES, name + ".model.json.gz"), "rb") as f:
        booster.load_model(bytearray(f.read()))
    booster.set_param({"nthread": 1})
    with gzip.open(os.path.join(FIXTURES, name + ".reference.json.gz"), "rt", encoding="utf-8") as f:
        reference = json.load(f)
    rows = np.array([[np.nan if v is None else v for v in row] for row in reference["rows"]], dtype=np.float64)
    return booster, rows, reference["feature_names"], np.array(reference["probabilities"])


def summary(samples_ns):
    samples = np.asarray(samples_ns, dtype=np.float64)
    return {"median": float(np.median(samples)), "p99": float(np.percentile(samples, 99)), "n": int(samples.size)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="depth6_trees100")
    parser.add_argument("--passes", type=int, default=5, help="passes over the 1,000 rows for single-row timing")
    parser.add_argument("--batches", type=int, default=200, help="repetitions of the whole-batch call")
    parser.add_argument("--json", help="write the results here as JSON")
    args = parser.parse_args()

    booster, rows, names, expected = load(args.model)
    one_row = [np.ascontiguousarray(rows[i:i + 1]) for i in range(len(rows))]

    # Same answers as the reference, so we time the real computation.
    got = booster.inplace_predict(rows, missing=np.nan)
    assert np.max(np.abs(got - expected)) <= 1e-6, "xgboost disagrees with its own fixture"

    for r in one_row[:200]:  # warm-up
        booster.inplace_predict(r, missing=np.nan)
    single = []
    clock = time.perf_counter_ns
    for _ in range(args.passes):
        for r in one_row:
            start = clock()
            booster.inplace_predict(r, missing=np.nan)
            single.append(clock() - start)

    for _ in range(5):
        booster.inplace_predict(rows, missing=np.nan)
    batch = []
    for _ in range(args.batches):
        start = clock()
        booster.inplace_predict(rows, missing=np.nan)
        batch.append((clock() - start) / len(rows))

    contribs = []
    for r in one_row[:300]:
        start = clock()
        booster.predict(xgb.DMatrix(r, feature_names=names, missing=np.nan, nthread=1), pred_contribs=True)
        contribs.append(clock() - start)

    dall = xgb.DMatrix(rows, feature_names=names, missing=np.nan, nthread=1)
    contribs_batch = []
    for _ in range(3):
        start = clock()
        booster.predict(dall, pred_contribs=True)
        contribs_batch.append((clock() - start) / len(rows))

    result = {
        "xgboost_version": xgb.__version__,
        "model": args.model,
        "trees": int(booster.num_boosted_rounds()),
        "rows": len(rows),
        "single_row": summary(single),
        "batch_per_row": summary(batch),
        "contribs_row": summary(contribs),
        "contribs_batch_per_row": summary(contribs_batch),
    }
    text = json.dumps(result, indent=2)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            f.write(text)
    print(text)


if __name__ == "__main__":
    sys.exit(main())
