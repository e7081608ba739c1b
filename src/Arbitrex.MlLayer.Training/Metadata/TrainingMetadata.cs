using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Training.Evaluation;

namespace Arbitrex.MlLayer.Training.Metadata;

/// <summary>
/// What <c>train</c> writes to <c>metadata.json</c>: the registry's metadata fields (<c>auc</c>, <c>accuracy</c>,
/// <c>features</c>, <c>feature_importance</c>, <c>training_samples</c>, <c>training_date</c>) and the training
/// report beside them. Written snake_case; the registry keeps the fields it does not know as they are.
/// </summary>
public sealed record TrainingMetadata
{
    /// <summary>The registry kind of the artifact: <c>lightgbm</c>.</summary>
    public required string Kind { get; init; }

    public required string ModelFile { get; init; }

    public required string ModelSha256 { get; init; }

    public required double Auc { get; init; }

    public required double Accuracy { get; init; }

    public required double LogLoss { get; init; }

    public required double BrierScore { get; init; }

    public required IReadOnlyList<CalibrationBin> Calibration { get; init; }

    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Total split gain per feature (LightGBM's <c>importance_type=gain</c>); 0 for a feature never split on.</summary>
    public required IReadOnlyDictionary<string, double> FeatureImportance { get; init; }

    public string FeatureImportanceType { get; init; } = "gain";

    public required long TrainingSamples { get; init; }

    public required string TrainingDate { get; init; }

    public required DataWindow TrainingWindow { get; init; }

    public required DataWindow ValidationWindow { get; init; }

    public required DataSetSummary DataSet { get; init; }

    public required TrainerSummary Trainer { get; init; }

    /// <summary>Deciles of each feature over the training rows, with a sample of at most 1,000 of them spread over the training period, for drift detection.</summary>
    public required IReadOnlyDictionary<string, DecileBaseline> FeatureBaseline { get; init; }

    /// <summary>Deciles of the predicted probability over the validation rows.</summary>
    public required DecileBaseline PredictionBaseline { get; init; }
}
