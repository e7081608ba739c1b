using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Models.Xgboost;

/// <summary>
/// A trained signal filter: an XGBoost binary:logistic ensemble. Contributions are its exact TreeSHAP
/// values (what xgboost's <c>pred_contribs=True</c> returns), mapped back to canonical feature order.
/// </summary>
public sealed class XgboostSignalModel : ISignalModel
{
    private const int MaxFeatures = 64;
    private readonly XgboostModel _model;
    private readonly int[] _canonicalIndexOfModelFeature;
    private readonly string _sha256;

    public XgboostSignalModel(XgboostModel model, string version, string sha256)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        Version = version;
        _sha256 = sha256;
        if (model.FeatureCount > MaxFeatures)
        {
            throw new Registry.InvalidModelException($"Signal model {version} reads {model.FeatureCount} features; at most {MaxFeatures} are supported.");
        }

        _canonicalIndexOfModelFeature = new int[model.FeatureCount];
        for (var i = 0; i < model.FeatureCount; i++)
        {
            var index = CanonicalFeatures.IndexOf(model.FeatureNames[i]);
            _canonicalIndexOfModelFeature[i] = index >= 0
                ? index
                : throw new Registry.InvalidModelException($"Signal model {version} reads '{model.FeatureNames[i]}', which is not a canonical feature.");
        }

        Features = model.FeatureNames;
    }

    public string Version { get; }

    public string Kind => "xgboost_json";

    public IReadOnlyList<string> Features { get; }

    /// <exception cref="Registry.InvalidModelException">The artifact is not a model this evaluator serves.</exception>
    public static XgboostSignalModel Load(ReadOnlySpan<byte> content, string version)
    {
        try
        {
            return new XgboostSignalModel(XgboostModel.Parse(content), version, Registry.ModelRegistry.Sha256Of(content));
        }
        catch (XgboostModelException ex)
        {
            throw new Registry.InvalidModelException($"Signal model {version}: {ex.Message}", ex);
        }
    }

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
