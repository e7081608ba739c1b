using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>
/// A trained signal filter: a binary tree ensemble (XGBoost or LightGBM). Contributions are its exact TreeSHAP
/// values, mapped back to canonical feature order.
/// </summary>
public sealed class TreeEnsembleSignalModel : ISignalModel
{
    private const int MaxFeatures = 64;
    private readonly ITreeEnsembleModel _model;
    private readonly int[] _canonicalIndexOfModelFeature;
    private readonly string _sha256;

    /// <exception cref="InvalidModelException">The model reads too many features or one that is not canonical.</exception>
    public TreeEnsembleSignalModel(ITreeEnsembleModel model, ModelKind kind, string version, string sha256)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        Kind = ModelKinds.Name(kind);
        Version = version;
        _sha256 = sha256;
        if (model.FeatureCount > MaxFeatures)
        {
            throw new InvalidModelException($"Signal model {version} reads {model.FeatureCount} features; at most {MaxFeatures} are supported.");
        }

        _canonicalIndexOfModelFeature = new int[model.FeatureCount];
        for (var i = 0; i < model.FeatureCount; i++)
        {
            var index = CanonicalFeatures.IndexOf(model.FeatureNames[i]);
            _canonicalIndexOfModelFeature[i] = index >= 0
                ? index
                : throw new InvalidModelException($"Signal model {version} reads '{model.FeatureNames[i]}', which is not a canonical feature.");
        }

        Features = model.FeatureNames;
    }

    public string Version { get; }

    public string Kind { get; }

    public IReadOnlyList<string> Features { get; }

    public JsonObject Describe() => new()
    {
        ["kind"] = Kind,
        ["version"] = Version,
        ["sha256"] = _sha256,
        ["trees"] = _model.TreeCount,
    };

    public double Predict(ReadOnlySpan<double> canonicalRow, Span<double> contributions)
    {
        Span<double> row = stackalloc double[_canonicalIndexOfModelFeature.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = canonicalRow[_canonicalIndexOfModelFeature[i]];
        }

        if (contributions.IsEmpty)
        {
            return _model.PredictProbability(row);
        }

        Span<double> shap = stackalloc double[_model.ContributionCount];
        _model.PredictContributions(row, shap);
        contributions.Clear();
        for (var i = 0; i < row.Length; i++)
        {
            contributions[_canonicalIndexOfModelFeature[i]] = shap[i];
        }

        return _model.PredictProbability(row);
    }
}
