#!/usr/bin/python3
"""Train XGBoost models on synthetic bars and write parity fixtures for the C# evaluator.

Run with Debian's python (the one that has python3-xgboost):

    /usr/bin/python3 tools/xgboost/make_parity_fixtures.py            # (re)write the committed fixtures
    /usr/bin/python3 tools/xgboost/make_parity_fixtures.py --check    # CI: verify them, write nothing

For every model <name> the fixture directory holds
    <name>.model.json.gz      Booster.save_model(...) output (xgboost JSON), gzipped
    <name>.reference.json.gz  {"feature_names", "rows" (null = missing), "margins",
                               "probabilities", "contributions" (pred_contribs, last column = bias)}

--check (1) re-predicts the committed rows with the committed models and (2) retrains every model
into a temporary directory; both must reproduce the committed reference outputs.
"""
import argparse
import gzip
import json
import math
import os
import sys
import tempfile

import numpy as np
import xgboost as xgb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synthetic import CANONICAL_FEATURES, features, success_logit, with_missing  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FIXTURES = os.path.join(REPO, "tests", "Arbitrex.MlLayer.Core.Tests", "Models", "Xgboost", "Fixtures")
TRAIN_ROWS = 4000
REFERENCE_ROWS = 1000
PROBABILITY_TOLERANCE = 1e-6
CONTRIBUTION_TOLERANCE = 1e-5

# name, feature subset (None = all 16 in canonical order), training missing rate, params, rounds
MODELS = [
    ("depth2_trees10", None, 0.10, {"max_depth": 2, "eta": 0.3}, 10),
    ("depth4_trees60_base035", None, 0.20, {"max_depth": 4, "eta": 0.1, "base_score": 0.35}, 60),
    ("depth6_trees100", None, 0.10, {"max_depth": 6, "eta": 0.1}, 100),
    ("depth8_trees40", None, 0.15,
     {"max_depth": 8, "eta": 0.15, "subsample": 0.8, "colsample_bytree": 0.8, "min_child_weight": 2}, 40),
    ("depth3_trees500", None, 0.05, {"max_depth": 3, "eta": 0.03}, 500),
    ("depth5_trees30_subset_exact", [
        "spread_bps", "momentum_score", "drawdown", "rsi", "hurst_exponent", "trend_strength",
        "efficiency_ratio", "z_score", "volatility_percentile", "volume_ratio", "skewness"], 0.30,
     {"max_depth": 5, "eta": 0.2, "tree_method": "exact", "scale_pos_weight": 2.0}, 30),
]


def train(name, subset, missing_rate, params, rounds, seed):
    rng = np.random.default_rng(seed)
    x = features(rng, TRAIN_ROWS)
    y = (rng.random(TRAIN_ROWS) < 1 / (1 + np.exp(-success_logit(x)))).astype(np.float32)
    x = with_missing(rng, x, missing_rate)
    columns = list(range(16)) if subset is None else [CANONICAL_FEATURES.index(f) for f in subset]
    names = [CANONICAL_FEATURES[i] for i in columns]
    dtrain = xgb.DMatrix(x[:, columns], label=y, feature_names=names)
    full = {"objective": "binary:logistic", "tree_method": "hist", "seed": seed, "nthread": 1}
    full.update(params)
    booster = xgb.train(full, dtrain, num_boost_round=rounds)
    return booster, names, columns


def split_thresholds(booster):
    """(feature name, threshold) of every numeric split, to put rows exactly on a split boundary."""
    model = json.loads(booster.save_raw("json"))
    names = model["learner"]["feature_names"]
    found = []
    for tree in model["learner"]["gradient_booster"]["model"]["trees"]:
        for left, feature, threshold in zip(tree["left_children"], tree["split_indices"], tree["split_conditions"]):
            if left != -1:
                found.append((names[feature], threshold))
    return found


def reference_rows(booster, names, seed):
    rng = np.random.default_rng(seed + 1000)
    x = with_missing(rng, features(rng, REFERENCE_ROWS), 0.12)
    columns = [CANONICAL_FEATURES.index(f) for f in names]
    x = x[:, columns]
    x[0, :] = np.nan  # a row with every feature missing
    # rows sitting exactly on split thresholds: "<" versus "<=" and float32 rounding must agree
    thresholds = split_thresholds(booster)
    for row in range(1, 101):
        for _ in range(4):
            feature, threshold = thresholds[rng.integers(len(thresholds))]
            x[row, names.index(feature)] = float(np.float32(threshold))
    return x


def predict(booster, names, x):
    dtest = xgb.DMatrix(x, feature_names=names, missing=np.nan)
    return (booster.predict(dtest, output_margin=True),
            booster.predict(dtest),
            booster.predict(dtest, pred_contribs=True))


def as_json_number(value):
    value = float(value)
    return None if math.isnan(value) else value


def write_gzip(path, data):
    """Reproducible gzip: no file name or timestamp in the header, so regenerating changes no bytes."""
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(data)


def write_fixture(directory, name, booster, names, x):
    margins, probabilities, contributions = predict(booster, names, x)
    write_gzip(os.path.join(directory, name + ".model.json.gz"), bytes(booster.save_raw("json")))
    reference = {
        "model": name,
        "xgboost_version": xgb.__version__,
        "feature_names": names,
        "rows": [[as_json_number(v) for v in row] for row in x],
        "margins": [float(v) for v in margins],
        "probabilities": [float(v) for v in probabilities],
        "contributions": [[float(v) for v in row] for row in contributions],
    }
    write_gzip(os.path.join(directory, name + ".reference.json.gz"),
               json.dumps(reference, separators=(",", ":")).encode("utf-8"))


def read_reference(directory, name):
    with gzip.open(os.path.join(directory, name + ".reference.json.gz"), "rt", encoding="utf-8") as f:
        return json.load(f)


def rows_of(reference):
    return np.array([[np.nan if v is None else v for v in row] for row in reference["rows"]], dtype=np.float64)


def compare(label, expected, actual):
    """Differences beyond tolerance between two reference documents, as readable lines."""
    problems = []
    for key, tolerance in (("margins", PROBABILITY_TOLERANCE), ("probabilities", PROBABILITY_TOLERANCE),
                           ("contributions", CONTRIBUTION_TOLERANCE)):
        e, a = np.asarray(expected[key], dtype=np.float64), np.asarray(actual[key], dtype=np.float64)
        if e.shape != a.shape:
            problems.append(f"{label}: {key} shape {a.shape} != committed {e.shape}")
            continue
        worst = float(np.max(np.abs(e - a))) if e.size else 0.0
        if worst > tolerance:
            problems.append(f"{label}: {key} differ by up to {worst:.3g} (tolerance {tolerance:g})")
    return problems


def write_refused_models(directory):
    """Real xgboost models the C# loader must refuse: categorical splits, other objectives, dart."""
    rng = np.random.default_rng(99)
    x = features(rng, 400)[:, :3]
    x[:, 0] = rng.integers(0, 5, 400)
    names = CANONICAL_FEATURES[:3]
    y = (x[:, 0] > 2).astype(np.float32)
    cases = [
        ("refused_categorical", {"objective": "binary:logistic"},
         xgb.DMatrix(x, label=y, feature_names=names, feature_types=["c", "q", "q"], enable_categorical=True)),
        ("refused_squared_error", {"objective": "reg:squarederror"}, xgb.DMatrix(x, label=y, feature_names=names)),
        ("refused_softprob", {"objective": "multi:softprob", "num_class": 3},
         xgb.DMatrix(x, label=np.clip(x[:, 0], 0, 2), feature_names=names)),
        ("refused_dart", {"objective": "binary:logistic", "booster": "dart", "rate_drop": 0.1},
         xgb.DMatrix(x, label=y, feature_names=names)),
    ]
    for name, params, dtrain in cases:
        full = {"max_depth": 2, "tree_method": "hist", "seed": 7, "nthread": 1}
        full.update(params)
        booster = xgb.train(full, dtrain, num_boost_round=3)
        write_gzip(os.path.join(directory, name + ".model.json.gz"), bytes(booster.save_raw("json")))


def generate(directory):
    os.makedirs(directory, exist_ok=True)
    write_refused_models(directory)
    for seed, (name, subset, missing_rate, params, rounds) in enumerate(MODELS, start=1):
        booster, names, _ = train(name, subset, missing_rate, params, rounds, seed)
        write_fixture(directory, name, booster, names, reference_rows(booster, names, seed))
        print(f"wrote {name}: {rounds} trees, max_depth {params['max_depth']}, {len(names)} features")


def check():
    problems = []
    for name, *_ in MODELS:
        committed = read_reference(FIXTURES, name)
        booster = xgb.Booster()
        with gzip.open(os.path.join(FIXTURES, name + ".model.json.gz"), "rb") as f:
            booster.load_model(bytearray(f.read()))
        margins, probabilities, contributions = predict(booster, committed["feature_names"], rows_of(committed))
        problems += compare(f"{name} (committed model, xgboost {xgb.__version__})", committed,
                            {"margins": margins, "probabilities": probabilities, "contributions": contributions})
    with tempfile.TemporaryDirectory() as scratch:
        generate(scratch)
        for name, *_ in MODELS:
            problems += compare(f"{name} (retrained)", read_reference(FIXTURES, name), read_reference(scratch, name))
    for line in problems:
        print("MISMATCH " + line, file=sys.stderr)
    print("fixtures match" if not problems else f"{len(problems)} mismatches")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="verify the committed fixtures instead of writing them")
    parser.add_argument("--out", default=FIXTURES, help="fixture directory (default: the test project's)")
    args = parser.parse_args()
    if args.check:
        return check()
    generate(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
