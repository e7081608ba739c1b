# Get last 100 decisions
decisions = monitor.get_decision_history(limit=100)

for decision in decisions:
    print(f"{decision['symbol']:8s} | "
          f"{decision['regime']:10s} | "
          f"P={decision['signal_prob']:.3f} | "
          f"{'âœ“' if decision['allowed'] else 'âœ—'}")
