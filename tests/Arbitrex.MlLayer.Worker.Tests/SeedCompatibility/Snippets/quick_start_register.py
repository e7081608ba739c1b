import requests

response = requests.post('http://localhost:8003/models/register', json={
    'model_name': 'signal_filter',
    'version': 'v1.0.0',
    'model_path': 'models/signal_filter_trained.pkl',
    'metadata': {
        'auc': 0.58,
        'accuracy': 0.54,
        'training_date': '2025-12-22'
    }
})
