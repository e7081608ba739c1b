using System.ComponentModel.DataAnnotations;

namespace Arbitrex.MlLayer.Training;

/// <summary>How a model is trained; every option has a default, and <see cref="Validate"/> refuses values out of range.</summary>
public sealed record TrainingOptions
{
    /// <summary>Maximum leaves per tree (LightGBM <c>num_leaves</c>); default 31.</summary>
    [Range(2, 131072)]
    public int Leaves { get; init; } = 31;

    /// <summary>Boosting iterations, one tree each (LightGBM <c>num_iterations</c>); default 100.</summary>
    [Range(1, 100000)]
    public int Trees { get; init; } = 100;

    /// <summary>Shrinkage applied to every tree (LightGBM <c>learning_rate</c>); default 0.1.</summary>
    [Range(1e-6, 1.0)]
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Fewest training rows a leaf may hold (LightGBM <c>min_data_in_leaf</c>); default 20.</summary>
    [Range(1, int.MaxValue)]
    public int MinRowsPerLeaf { get; init; } = 20;

    /// <summary>Seed of every random choice; with one thread, the same data and seed give the same model.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Share of the newest rows held out for validation; default 0.2.</summary>
    [Range(0.01, 0.9)]
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Fewest rows a data set must hold; default 100.</summary>
    [Range(10, int.MaxValue)]
    public int MinimumRows { get; init; } = 100;

    /// <summary>The error messages of every option out of range (empty when all are valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? string.Join(", ", r.MemberNames))];
    }
}
