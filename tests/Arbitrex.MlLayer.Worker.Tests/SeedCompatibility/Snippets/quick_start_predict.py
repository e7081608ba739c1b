import requests

response = requests.post('http://localhost:8003/predict', json={
    'symbol': 'EURUSD',
    'timeframe': '4H',
    'features': feature_dict,
    'qse_output': qse_dict
})

result = response.json()
print(f"Regime: {result['prediction']['regime']['regime_label']}")
print(f"Allowed: {result['prediction']['allow_trade']}")
