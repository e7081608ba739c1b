curl -X PUT http://localhost:8003/config \
  -H "Content-Type: application/json" \
  -d '{
    "signal_filter": {
      "use_ml_model": true
    },
    "model": {
      "signal_filter_version": "v1.0.0"
    }
  }'
