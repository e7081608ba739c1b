namespace Arbitrex.MlLayer.Training.LightGbm;

/// <summary>What Microsoft.ML's binary classifier outputs for a row.</summary>
public sealed class MlNetPrediction
{
    public float Score { get; set; }

    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }
}
