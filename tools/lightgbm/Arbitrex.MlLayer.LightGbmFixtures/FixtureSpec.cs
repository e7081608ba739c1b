namespace Arbitrex.MlLayer.LightGbmFixtures;

/// <summary>One parity fixture: how its data is made and how the native library trains on it.</summary>
/// <param name="Parameters">LightGBM parameters beyond the common ones (objective, determinism, seed).</param>
/// <param name="Decimals">Feature values are rounded to this many decimals; 1 gives many exact zeros.</param>
/// <param name="MissingRate">Fraction of cells set to NaN, in training and reference rows alike.</param>
/// <param name="Columns">Canonical feature indices the model reads, in order; null for all 16.</param>
internal sealed record FixtureSpec(
    string Name, ulong Seed, int TrainRows, int Iterations, string Parameters, int Decimals = 4, double MissingRate = 0,
    IReadOnlyList<int>? Columns = null, RowQuirks Quirks = RowQuirks.None)
{
    public const int ReferenceRows = 1000;

    /// <summary>Every fixture the parity tests read.</summary>
    public static IReadOnlyList<FixtureSpec> All { get; } =
    [
        new("default_31_leaves", 1, 5000, 100, "num_leaves=31 learning_rate=0.1"),
        new("deep_255_leaves", 2, 20000, 100, "num_leaves=255 max_depth=-1 min_data_in_leaf=2 min_sum_hessian_in_leaf=0 learning_rate=0.05"),
        new("small_trees_500", 3, 5000, 500, "num_leaves=4 learning_rate=0.05 sigmoid=0.8"),
        new("zeros_and_thresholds", 4, 5000, 60, "num_leaves=15 learning_rate=0.1", Decimals: 1, Quirks: RowQuirks.ZerosAndThresholds),
        new("missing_nan", 5, 5000, 60, "num_leaves=31 learning_rate=0.1 use_missing=true", MissingRate: 0.15),
        new("missing_zero", 6, 5000, 60, "num_leaves=31 learning_rate=0.1 use_missing=true zero_as_missing=true", Decimals: 1, MissingRate: 0.1, Quirks: RowQuirks.ZerosAndThresholds),
        new("feature_subset", 7, 5000, 60, "num_leaves=31 learning_rate=0.1", Columns: [0, 1, 5, 9, 12, 14]),
        new("random_forest", 8, 5000, 50, "boosting=rf num_leaves=31 bagging_fraction=0.7 bagging_freq=1 feature_fraction=0.8"),
    ];

    public string ModelFileName => Name + ".model.txt.gz";

    public string ReferenceFileName => Name + ".reference.json.gz";

    /// <summary>The full parameter string: single-threaded and deterministic, seeded per fixture.</summary>
    public string AllParameters =>
        $"objective=binary deterministic=true force_row_wise=true num_threads=1 verbosity=-1 seed={Seed} {Parameters}";
}
