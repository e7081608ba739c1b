"""The seed's Python API (MLInferenceEngine, MLMonitor, MLConfig) as a thin client of the worker's admin port,
so the seed's own snippets run verbatim against the product. ML_LAYER_URL names the port (default
http://localhost:8003)."""
import os

import requests

BASE = os.environ.get("ML_LAYER_URL", "http://localhost:8003")
EXAMPLE_BAR = {}  # symbol, timeframe, features, qse_output used where a snippet writes predict(...)


class MLConfig:
    pass


class MLInferenceEngine:
    def predict(self, symbol=..., timeframe=None, features=None, qse=None):
        body = dict(EXAMPLE_BAR) if symbol is ... else {"symbol": symbol, "timeframe": timeframe, "features": features, "qse_output": qse}
        response = requests.post(BASE + "/predict", json=body)
        response.raise_for_status()
        return response.json()["prediction"]


class MLMonitor:
    def __init__(self, config=None):
        self.config = config

    def log_prediction(self, symbol, timeframe, ml_output):
        # The worker records every decision it makes; nothing to send.
        assert ml_output["symbol"] == symbol and ml_output["timeframe"] == timeframe

    def get_current_metrics(self):
        return requests.get(BASE + "/metrics").json()

    def get_decision_history(self, limit=100):
        return requests.get(BASE + "/metrics/decisions", params={"limit": limit, "view": "seed"}).json()["decisions"]

    def add_alert_rule(self, rule):
        rules = requests.get(BASE + "/config").json().get("monitoring", {}).get("alert_rules", [])
        response = requests.put(BASE + "/config", json={"monitoring": {"alert_rules": rules + [vars(rule)]}})
        response.raise_for_status()
