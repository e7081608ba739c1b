from arbitrex.ml_layer import MLMonitor  # noqa: F401  (the seed imports both from here)


class AlertRule:
    def __init__(self, name, metric, operator, threshold, window_minutes, severity):
        self.name, self.metric, self.operator = name, metric, operator
        self.threshold, self.window_minutes, self.severity = threshold, window_minutes, severity
