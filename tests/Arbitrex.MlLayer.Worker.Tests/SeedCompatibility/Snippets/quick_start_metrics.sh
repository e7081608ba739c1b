curl http://localhost:8003/metrics
