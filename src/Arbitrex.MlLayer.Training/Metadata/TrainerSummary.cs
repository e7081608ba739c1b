namespace Arbitrex.MlLayer.Training.Metadata;

/// <summary>The library that trained the model and every option it was given.</summary>
public sealed record TrainerSummary
{
    public required string Library { get; init; }

    public required string Version { get; init; }

    public required int Leaves { get; init; }

    public required int Trees { get; init; }

    public required double LearningRate { get; init; }

    public required int MinRowsPerLeaf { get; init; }

    public required int Seed { get; init; }

    public required double ValidationFraction { get; init; }

    public required int MinimumRows { get; init; }

    public required int Threads { get; init; }

    public required double Sigmoid { get; init; }
}
