# Defined before each seed snippet runs: the names its code assumes (one bar as the feature pipeline and the
# QSE publish it; the QSE names its bar only inside qse_output, as in the seed's request body).
import arbitrex.ml_layer as _ml
from arbitrex.ml_layer import MLInferenceEngine, MLMonitor

symbol, timeframe = "EURUSD", "4H"
feature_dict = {"momentum_score": 0.6, "efficiency_ratio": 0.7, "volatility": 0.006, "volatility_percentile": 0.4,
                "correlation": 0.3, "trend_strength": 0.7, "rsi": 60.0, "z_score": 1.0, "autocorrelation": 0.2,
                "hurst_exponent": 0.6, "atr_ratio": 1.0, "volume_ratio": 1.2, "spread_bps": 1.5,
                "range_compression": 0.5, "drawdown": 0.02, "skewness": 0.1}
qse_dict = {"symbol": "EURUSD", "timeframe": "4H", "bar_time": "2025-12-22T12:00:00Z", "signal_valid": True,
            "gates": {"trend_persistence": {"passed": True, "value": 0.71}, "stationarity": {"passed": True, "value": 0.02},
                      "z_score": {"passed": True, "value": 1.8}, "autocorrelation": {"passed": True, "value": 0.21},
                      "signal_validity": {"passed": True, "value": 1.0}}}
_ml.EXAMPLE_BAR.update(symbol=symbol, timeframe=timeframe, features=feature_dict, qse_output=qse_dict)
ml_engine = MLInferenceEngine()
monitor = MLMonitor()
