using System.Collections.Frozen;
using Arbitrex.MlLayer.Core.Models.Trees;

namespace Arbitrex.MlLayer.Core.Models.Xgboost;

/// <summary>
/// A binary XGBoost model (objective <c>binary:logistic</c>) loaded from the JSON that
/// <c>Booster.save_model("m.json")</c> writes. Immutable and thread-safe; predictions allocate nothing.
/// Rows are spans of doubles in <see cref="FeatureNames"/> order; <see cref="double.NaN"/> marks a
/// missing value, which follows the split's default direction as in xgboost.
/// </summary>
public sealed class XgboostModel : ITreeEnsembleModel
{
    private readonly TreeEnsemble _ensemble;
    private readonly FrozenDictionary<string, int> _featureIndex;
    private readonly double _baseMargin;

    internal XgboostModel(TreeEnsemble ensemble, IReadOnlyList<string> featureNames, float baseScore, string xgboostVersion)
    {
        _ensemble = ensemble;
        FeatureNames = featureNames;
        _featureIndex = featureNames.Select((name, index) => KeyValuePair.Create(name, index)).ToFrozenDictionary(StringComparer.Ordinal);
        BaseScore = baseScore;
        _baseMargin = -MathF.Log((1f / baseScore) - 1f);
        XgboostVersion = xgboostVersion;
    }

    /// <summary>The objective every loaded model has.</summary>
    public static string Objective => "binary:logistic";

    /// <summary>Feature names in the order rows must follow.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public int FeatureCount => FeatureNames.Count;

    /// <summary>Length of a contributions span: one slot per feature, then the bias.</summary>
    public int ContributionCount => FeatureNames.Count + 1;

    public int TreeCount => _ensemble.TreeCount;

    public int NodeCount => _ensemble.NodeCount;

    public int MaxDepth => _ensemble.MaxDepth;

    internal TreeEnsemble Ensemble => _ensemble;

    internal double BaseMargin => _baseMargin;

    /// <summary>The model's base_score (a probability; the margin starts at its log-odds).</summary>
    public double BaseScore { get; }

    /// <summary>Version of xgboost that wrote the model, e.g. <c>1.7.4</c>.</summary>
    public string XgboostVersion { get; }

    /// <exception cref="ModelArtifactException{XgboostModelRefusal}">The file is not a model this evaluator can evaluate exactly.</exception>
    public static XgboostModel Load(string path) => Parse(File.ReadAllBytes(path));

    /// <exception cref="ModelArtifactException{XgboostModelRefusal}">The JSON is not a model this evaluator can evaluate exactly.</exception>
    public static XgboostModel Parse(ReadOnlySpan<byte> utf8Json) => XgboostJsonReader.Read(utf8Json);

    public bool TryGetFeatureIndex(string name, out int index) => _featureIndex.TryGetValue(name, out index);

    /// <summary>Writes <paramref name="features"/> into <paramref name="row"/> in model order; absent features become NaN (missing).</summary>
    public void FillRow(IReadOnlyDictionary<string, double> features, Span<double> row)
    {
        ArgumentNullException.ThrowIfNull(features);
        EnsureLength(row.Length, FeatureCount, nameof(row));
        for (var i = 0; i < FeatureNames.Count; i++)
        {
            row[i] = features.TryGetValue(FeatureNames[i], out var value) ? value : double.NaN;
        }
    }

    /// <summary>The raw score (log-odds) before the logistic transform.</summary>
    public double PredictMargin(ReadOnlySpan<double> row)
    {
        EnsureLength(row.Length, FeatureCount, nameof(row));
        return _ensemble.Margin(row, _baseMargin);
    }

    /// <summary>Probability of the positive class, as xgboost's <c>predict</c> returns it.</summary>
    public double PredictProbability(ReadOnlySpan<double> row)
    {
        EnsureLength(row.Length, FeatureCount, nameof(row));
        return Sigmoid(_ensemble.Margin(row, _baseMargin));
    }

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
            _ensemble.Margins(rows.Slice(first * FeatureCount, count * FeatureCount), count, _baseMargin, margins);
            for (var r = 0; r < count; r++)
            {
                probabilities[first + r] = Sigmoid(margins[r]);
            }
        }
    }

    /// <summary>
    /// Exact TreeSHAP contributions to the margin, as xgboost's <c>predict(pred_contribs=True)</c>:
    /// one per feature in model order, the bias (expected margin) last; they sum to the margin.
    /// </summary>
    public void PredictContributions(ReadOnlySpan<double> row, Span<double> contributions)
    {
        EnsureLength(row.Length, FeatureCount, nameof(row));
        EnsureLength(contributions.Length, ContributionCount, nameof(contributions));
        _ensemble.Contributions(row, _baseMargin, contributions);
    }

    private static double Sigmoid(double margin) => 1 / (1 + Math.Exp(-margin));

    private static void EnsureLength(int actual, int expected, string parameter)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Expected {expected} values, got {actual}.", parameter);
        }
    }
}
