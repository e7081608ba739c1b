using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Training.Data;
using Arbitrex.MlLayer.Training.Evaluation;
using Arbitrex.MlLayer.Training.LightGbm;

namespace Arbitrex.MlLayer.Training;

/// <summary>What a training run wrote and measured.</summary>
public sealed record TrainingResult
{
    public required string ModelPath { get; init; }

    public required string MetadataPath { get; init; }

    /// <summary>The metadata as written, in the registry's shape.</summary>
    public required ModelMetadata Metadata { get; init; }

    public required BinaryMetrics Validation { get; init; }

    public required TimeSplit Split { get; init; }

    public required TrainedLightGbmModel Model { get; init; }
}
