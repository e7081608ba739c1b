using System.Collections.Frozen;
using Arbitrex.MlLayer.Core.Models.Trees;

namespace Arbitrex.MlLayer.Core.Models.LightGbm;

/// <summary>
/// A binary LightGBM model (objective <c>binary</c>) loaded from the text <c>booster.save_model("model.txt")</c>
/// writes. Immutable and thread-safe; predictions allocate nothing. Rows are spans of doubles in
/// <see cref="FeatureNames"/> order; <see cref="double.NaN"/> marks a missing value, which each split treats
/// by its missing type as LightGBM does.
/// </summary>
public sealed class LightGbmModel : ITreeEnsembleModel
{
    private readonly TreeEnsemble _ensemble;
    private readonly FrozenDictionary<string, int> _featureIndex;

    internal LightGbmModel(TreeEnsemble ensemble, IReadOnlyList<string> featureNames, double sigmoid, bool averageOutput, string formatVersion)
    {
        _ensemble = ensemble;
        FeatureNames = featureNames;
        _featureIndex = featureNames.Select((name, index) => KeyValuePair.Create(name, index)).ToFrozenDictionary(StringComparer.Ordinal);
        Sigmoid = sigmoid;
        AverageOutput = averageOutput;
        FormatVersion = formatVersion;
    }

    /// <summary>Feature names in the order rows must follow.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public int FeatureCount => FeatureNames.Count;

    /// <summary>Length of a contributions span: one slot per feature, then the bias.</summary>
    public int ContributionCount => FeatureNames.Count + 1;

    public int TreeCount => _ensemble.TreeCount;

    public int NodeCount => _ensemble.NodeCount;

    public int MaxDepth => _ensemble.MaxDepth;

    internal TreeEnsemble Ensemble => _ensemble;

    /// <summary>The binary objective's <c>sigmoid</c> parameter: probability = 1 / (1 + exp(-sigmoid · raw score)).</summary>
    public double Sigmoid { get; }

    /// <summary>Random-forest mode: the raw score is the mean of the trees instead of their sum.</summary>
    public bool AverageOutput { get; }

    /// <summary>The text format's version, <c>v3</c> or <c>v4</c>.</summary>
    public string FormatVersion { get; }

    /// <exception cref="ModelArtifactException{LightGbmModelRefusal}">The file is not a model this evaluator can evaluate exactly.</exception>
    public static LightGbmModel Load(string path) => Parse(File.ReadAllBytes(path));

    /// <exception cref="ModelArtifactException{LightGbmModelRefusal}">The text is not a model this evaluator can evaluate exactly.</exception>
    public static LightGbmModel Parse(ReadOnlySpan<byte> utf8Text) => LightGbmTextReader.Read(utf8Text);

    public bool TryGetFeatureIndex(string name, out int index) => _featureIndex.TryGetValue(name, out index);

    /// <summary>
    /// The raw score, as LightGBM's <c>raw_score=True</c> (<c>C_API_PREDICT_RAW_SCORE</c>): the sum of the trees,
    /// even in random-forest mode, where only the probability uses their mean.
    /// </summary>
    public double PredictMargin(ReadOnlySpan<double> row)
    {
        EnsureLength(row.Length, FeatureCount, nameof(row));
        return _ensemble.Margin(row, 0);
    }

    /// <summary>Probability of the positive class, as LightGBM's <c>predict</c> returns it.</summary>
    public double PredictProbability(ReadOnlySpan<double> row) => Probability(PredictMargin(row));

    /// <summary>Probabilities of a batch: <paramref name="rows"/> is row-major, <see cref="FeatureCount"/> values per row.</summary>
    public void PredictProbabilities(ReadOnlySpan<double> rows, Span<double> probabilities)
    {
        if (rows.Length != probabilities.Length * FeatureCount)
        {
            throw new ArgumentException(
                $"{rows.Length} values are not {probabilities.Length} rows of {FeatureCount} features.", nameof(rows));
        }

        const int BlockRows = TreeEnsemble.BlockRows;
        Span<double> margins = stackalloc double[BlockRows];
        for (var first = 0; first < probabilities.Length; first += BlockRows)
        {
            var count = Math.Min(BlockRows, probabilities.Length - first);
            _ensemble.Margins(rows.Slice(first * FeatureCount, count * FeatureCount), count, 0, margins);
            for (var r = 0; r < count; r++)
            {
                probabilities[first + r] = Probability(margins[r]);
            }
        }
    }

    /// <summary>
    /// Exact TreeSHAP contributions, as LightGBM's <c>predict(pred_contrib=True)</c> (<c>C_API_PREDICT_CONTRIB</c>):
    /// one per feature in model order, the bias (the trees' expected value) last. Like LightGBM, the trees'
    /// contributions are summed even in random-forest mode.
    /// </summary>
    public void PredictContributions(ReadOnlySpan<double> row, Span<double> contributions)
    {
        EnsureLength(row.Length, FeatureCount, nameof(row));
        EnsureLength(contributions.Length, ContributionCount, nameof(contributions));
        _ensemble.Contributions(row, 0, contributions);
    }

    private double Probability(double rawScore)
    {
        var score = AverageOutput ? rawScore / TreeCount : rawScore;
        return 1 / (1 + Math.Exp(-Sigmoid * score));
    }

    private static void EnsureLength(int actual, int expected, string parameter)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Expected {expected} values, got {actual}.", parameter);
        }
    }
}
