#!/usr/bin/python3
"""Receive MlDecision events from the Arbitrex ML layer as raw JSON with plain pika.

Binds an exclusive queue to the durable topic exchange arbitrex.ml.decision (routing key SYMBOL.TIMEFRAME,
so '#' is everything and 'EURUSD.*' one symbol) and prints one decision per line on stdout. Redeliveries
carry the same decision_id: keep the first and drop the rest.

    /usr/bin/python3 examples/python/subscribe_decisions.py --uri amqp://guest:guest@localhost:5672/ --binding '#'
"""
import argparse
import json
import sys
import time

import pika


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uri", default="amqp://guest:guest@localhost:5672/")
    parser.add_argument("--binding", default="#", help="topic binding key, e.g. 'EURUSD.*'")
    parser.add_argument("--symbol-prefix", default="", help="only decisions whose symbol starts with this")
    parser.add_argument("--count", type=int, default=0, help="exit after this many distinct decisions (0 = run until Ctrl+C)")
    parser.add_argument("--timeout", type=float, default=0, help="exit after this many seconds (0 = no limit)")
    args = parser.parse_args()

    connection = pika.BlockingConnection(pika.URLParameters(args.uri))
    channel = connection.channel()
    channel.exchange_declare("arbitrex.ml.decision", "topic", durable=True)
    queue = channel.queue_declare("", exclusive=True, auto_delete=True).method.queue
    channel.queue_bind(queue, "arbitrex.ml.decision", args.binding)
    print("ready", file=sys.stderr, flush=True)

    seen = set()
    deadline = time.monotonic() + args.timeout if args.timeout else None
    for method, properties, body in channel.consume(queue, auto_ack=True, inactivity_timeout=0.5):
        if deadline and time.monotonic() > deadline:
            break
        if method is None:
            continue
        decision = json.loads(body)
        if not decision["symbol"].startswith(args.symbol_prefix) or decision["decision_id"] in seen:
            continue
        seen.add(decision["decision_id"])
        print(json.dumps(decision), flush=True)
        if args.count and len(seen) >= args.count:
            break
    connection.close()
    print(f"received {len(seen)} decisions", file=sys.stderr)
    return 0 if not args.count or len(seen) >= args.count else 1


if __name__ == "__main__":
    sys.exit(main())
