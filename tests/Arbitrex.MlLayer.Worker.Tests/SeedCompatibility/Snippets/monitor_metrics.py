from arbitrex.ml_layer import MLMonitor, MLConfig

monitor = MLMonitor(MLConfig())

# Log predictions automatically
ml_output = ml_engine.predict(...)
monitor.log_prediction(symbol, timeframe, ml_output)

# Get current metrics
metrics = monitor.get_current_metrics()
print(f"Allow rate: {metrics['allow_rate']:.1%}")
print(f"Avg latency: {metrics['avg_processing_time_ms']:.2f}ms")
