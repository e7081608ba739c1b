from arbitrex.ml_layer.monitoring import AlertRule

custom_alert = AlertRule(
    name="very_low_probability",
    metric="avg_signal_prob",
    operator="<",
    threshold=0.40,
    window_minutes=30,
    severity="warning"
)

monitor.add_alert_rule(custom_alert)
