curl http://localhost:8003/models/list
