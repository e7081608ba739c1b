#!/usr/bin/python3
"""Publish FeatureSnapshot + QseOutput pairs to the Arbitrex ML layer as raw JSON with plain pika.

No MassTransit involved: a persistent message with content_type application/json to the durable topic
exchanges arbitrex.ml.feature-snapshot and arbitrex.ml.qse-output, routing key SYMBOL.TIMEFRAME.

    /usr/bin/python3 examples/python/publish_features.py --uri amqp://guest:guest@localhost:5672/ --symbols EURUSD,GBPUSD --bars 3
"""
import argparse
import datetime as dt
import json
import random
import sys

import pika

FEATURES = ["momentum_score", "efficiency_ratio", "volatility", "volatility_percentile", "correlation",
            "trend_strength", "rsi", "z_score", "autocorrelation", "hurst_exponent", "atr_ratio",
            "volume_ratio", "spread_bps", "range_compression", "drawdown", "skewness"]
GATES = ["trend_persistence", "stationarity", "z_score", "autocorrelation", "signal_validity"]


def bar_pair(symbol, timeframe, bar_time, rng):
    features = {name: round(rng.random(), 4) for name in FEATURES}
    features["momentum_score"] = round(rng.uniform(-1, 1), 4)
    features["volatility"] = round(rng.uniform(0.002, 0.012), 5)
    gates = {name: {"passed": True, "value": round(rng.random(), 4)} for name in GATES}
    stamp = bar_time.strftime("%Y-%m-%dT%H:%M:%SZ")
    snapshot = {"symbol": symbol, "timeframe": timeframe, "bar_time": stamp, "features": features}
    qse = {"symbol": symbol, "timeframe": timeframe, "bar_time": stamp, "signal_valid": True, "gates": gates}
    return snapshot, qse


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uri", default="amqp://guest:guest@localhost:5672/")
    parser.add_argument("--symbols", default="EURUSD,GBPUSD,USDJPY", help="comma-separated list, or a count")
    parser.add_argument("--symbol-prefix", default="PY", help="prefix of generated names when --symbols is a count")
    parser.add_argument("--bars", type=int, default=3)
    parser.add_argument("--timeframe", default="4H")
    parser.add_argument("--start", default="2025-12-22T00:00:00Z")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    symbols = ([f"{args.symbol_prefix}{n:03d}" for n in range(int(args.symbols))]
               if args.symbols.isdigit() else [s.strip() for s in args.symbols.split(",") if s.strip()])
    step = {"M": dt.timedelta(minutes=1), "H": dt.timedelta(hours=1), "D": dt.timedelta(days=1)}[args.timeframe[-1].upper()]
    step *= int(args.timeframe[:-1])
    start = dt.datetime.strptime(args.start, "%Y-%m-%dT%H:%M:%SZ")
    rng = random.Random(args.seed)

    connection = pika.BlockingConnection(pika.URLParameters(args.uri))
    channel = connection.channel()
    channel.confirm_delivery()  # basic_publish raises if the broker does not confirm
    properties = pika.BasicProperties(content_type="application/json", delivery_mode=2)
    published = 0
    for bar in range(args.bars):
        for symbol in symbols:
            snapshot, qse = bar_pair(symbol, args.timeframe, start + step * bar, rng)
            halves = [("arbitrex.ml.feature-snapshot", snapshot), ("arbitrex.ml.qse-output", qse)]
            rng.shuffle(halves)  # the worker joins the halves in either order
            for exchange, body in halves:
                channel.basic_publish(exchange, f"{symbol}.{args.timeframe}", json.dumps(body).encode(), properties)
                published += 1
    connection.close()
    print(f"published {published} halves of {args.bars * len(symbols)} bars", file=sys.stderr)


if __name__ == "__main__":
    main()
