curl -X POST http://localhost:8003/models/register \
  -H "Content-Type: application/json" \
  -d '{
    "model_name": "signal_filter",
    "version": "v1.0.0",
    "model_path": "signal_filter_v1.pkl",
    "metadata": {
      "auc": 0.58,
      "accuracy": 0.54,
      "features": 16,
      "training_samples": 5000
    }
  }'
