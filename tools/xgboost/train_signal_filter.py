#!/usr/bin/python3
"""Train the signal filter (XGBoost, binary:logistic) and write it in the model registry's format.

    /usr/bin/python3 tools/xgboost/train_signal_filter.py --data signal_filter_dataset.csv --version v1.1.0

Reads a CSV or JSONL of bars (bar_time, the canonical features, outcome; see generate_dataset.py),
sorts by bar_time, trains on the first (1 - holdout) share and reports AUC and accuracy on the
later share: a time-ordered hold-out, so the score never benefits from looking into the future.
The final model is then trained on every row with the same parameters.

Writes into --out-dir (default models/incoming/):
    signal_filter_<version>.json             Booster.save_model output (xgboost JSON)
    signal_filter_<version>_metadata.json    auc, accuracy, features, feature_importance (gain),
                                             training_samples, training_date, plus free-form fields
and prints the request that registers them (POST /models/register on the worker's admin port);
with --register-url it sends that request itself.
"""
import argparse
import csv
import datetime
import json
import math
import os
import sys
import urllib.request

import numpy as np
import xgboost as xgb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synthetic import CANONICAL_FEATURES  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def read_rows(path):
    if path.endswith(".jsonl"):
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def to_matrix(rows, features):
    def value(v):
        return math.nan if v is None or v == "" else float(v)
    x = np.array([[value(row.get(f)) for f in features] for row in rows], dtype=np.float64)
    y = np.array([int(float(row["outcome"])) for row in rows], dtype=np.float32)
    return x, y


def auc(labels, scores):
    """Area under the ROC curve (Mann-Whitney U with tied scores sharing their average rank)."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores), dtype=np.float64)
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    positives = labels == 1
    n_pos, n_neg = positives.sum(), (~positives).sum()
    if n_pos == 0 or n_neg == 0:
        return math.nan
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def registry_path(path):
    """The path to send: relative to the repository root when inside it (the worker's working directory)."""
    path = os.path.abspath(path)
    return os.path.relpath(path, REPO) if path.startswith(REPO + os.sep) else path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="CSV or JSONL with bar_time, features, outcome")
    parser.add_argument("--version", required=True, help="registry version, e.g. v1.1.0")
    parser.add_argument("--out-dir", default=os.path.join(REPO, "models", "incoming"))
    parser.add_argument("--features", default=",".join(CANONICAL_FEATURES),
                        help="comma-separated subset of the canonical features (default: all 16)")
    parser.add_argument("--holdout", type=float, default=0.2, help="latest share of bars kept for evaluation")
    parser.add_argument("--max-depth", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--eta", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--register-url", help="e.g. http://localhost:8003: POST /models/register there")
    args = parser.parse_args()

    features = [f.strip() for f in args.features.split(",") if f.strip()]
    unknown = [f for f in features if f not in CANONICAL_FEATURES]
    if unknown:
        parser.error(f"not canonical features: {', '.join(unknown)}")

    rows = sorted(read_rows(args.data), key=lambda r: r["bar_time"])
    x, y = to_matrix(rows, features)
    split = int(len(rows) * (1 - args.holdout))
    if split < 10 or len(rows) - split < 10:
        parser.error("need at least 10 rows on each side of the hold-out split")
    params = {"objective": "binary:logistic", "eval_metric": "auc", "tree_method": "hist",
              "max_depth": args.max_depth, "eta": args.eta, "seed": args.seed, "nthread": 1}

    holdout_model = xgb.train(params, xgb.DMatrix(x[:split], label=y[:split], feature_names=features),
                              num_boost_round=args.rounds)
    p = holdout_model.predict(xgb.DMatrix(x[split:], feature_names=features))
    holdout_auc = auc(y[split:], p)
    holdout_accuracy = float(((p >= 0.5) == (y[split:] == 1)).mean())
    print(f"hold-out (latest {len(rows) - split} of {len(rows)} bars, from {rows[split]['bar_time']}): "
          f"AUC {holdout_auc:.4f}, accuracy {holdout_accuracy:.4f}")

    model = xgb.train(params, xgb.DMatrix(x, label=y, feature_names=features), num_boost_round=args.rounds)
    gain = model.get_score(importance_type="gain")
    metadata = {
        "auc": round(holdout_auc, 6),
        "accuracy": round(holdout_accuracy, 6),
        "features": features,
        "feature_importance": {f: round(float(gain.get(f, 0.0)), 6) for f in features},
        "training_samples": len(rows),
        "training_date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "holdout_samples": len(rows) - split,
        "holdout_from": rows[split]["bar_time"],
        "dataset": os.path.basename(args.data),
        "xgboost_version": xgb.__version__,
        "params": {"max_depth": args.max_depth, "eta": args.eta, "num_boost_round": args.rounds},
    }

    os.makedirs(args.out_dir, exist_ok=True)
    model_path = os.path.join(args.out_dir, f"signal_filter_{args.version}.json")
    metadata_path = os.path.join(args.out_dir, f"signal_filter_{args.version}_metadata.json")
    model.save_model(model_path)
    with open(metadata_path, "w", encoding="utf-8") as f:
        json.dump(metadata, f, indent=2)
    print(f"wrote {model_path}\nwrote {metadata_path}")

    request = {"model_name": "signal_filter", "version": args.version, "kind": "xgboost_json",
               "model_path": registry_path(model_path), "metadata": metadata}
    body = json.dumps(request)
    if args.register_url:
        url = args.register_url.rstrip("/") + "/models/register"
        post = urllib.request.Request(url, data=body.encode("utf-8"), method="POST",
                                      headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(post) as response:
            print(f"registered: HTTP {response.status} {response.read().decode('utf-8')}")
    else:
        print("register it with:\ncurl -sS -X POST http://localhost:8003/models/register "
              f"-H 'Content-Type: application/json' -d @- <<'JSON'\n{json.dumps(request, indent=2)}\nJSON")


if __name__ == "__main__":
    main()
