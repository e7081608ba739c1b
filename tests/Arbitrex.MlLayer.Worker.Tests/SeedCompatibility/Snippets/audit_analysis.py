import pandas as pd
import json

# Load logs
logs = []
with open('logs/ml_layer/predictions.jsonl', 'r') as f:
    logs = [json.loads(line) for line in f]

df = pd.DataFrame(logs)

# Daily statistics
df['date'] = pd.to_datetime(df['timestamp']).dt.date
daily_stats = df.groupby('date').agg({
    'allowed': ['count', 'sum', 'mean'],
    'processing_time_ms': ['mean', 'max']
})

print(daily_stats)
