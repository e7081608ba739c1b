using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Models.RuleBased;

/// <summary>
/// A logistic score over weighted, centred and scaled features:
/// p = σ(bias + Σ weight·(x − center)/scale). Each term is that feature's contribution.
/// </summary>
public sealed class RuleBasedSignalModel : ISignalModel
{
    private readonly double _bias;
    private readonly double[] _weights;
    private readonly double[] _centers;
    private readonly double[] _scales;
    private readonly int[] _indexes;

    public RuleBasedSignalModel(SignalRuleParameters parameters, SignalFilterConfig overrides)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(overrides);
        Version = parameters.Version;
        _bias = Math.Abs(parameters.Bias) <= ParameterBounds.MaxAbsWeight
            ? parameters.Bias
            : throw new InvalidModelException($"Signal model {Version}: bias must be between -{ParameterBounds.MaxAbsWeight} and {ParameterBounds.MaxAbsWeight}.");
        var features = new List<string>();
        foreach (var feature in CanonicalFeatures.All)
        {
            if (parameters.Terms.ContainsKey(feature))
            {
                features.Add(feature);
            }
        }

        foreach (var name in parameters.Terms.Keys)
        {
            if (!CanonicalFeatures.All.Contains(name))
            {
                throw new InvalidModelException($"Signal model {Version}: '{name}' is not a canonical feature.");
            }
        }

        Features = features;
        _indexes = new int[features.Count];
        _weights = new double[features.Count];
        _centers = new double[features.Count];
        _scales = new double[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            var term = parameters.Terms[features[i]];
            if (!(term.Scale >= ParameterBounds.MinScale && term.Scale <= ParameterBounds.MaxScale))
            {
                throw new InvalidModelException($"Signal model {Version}: scale of '{features[i]}' must be between {ParameterBounds.MinScale} and {ParameterBounds.MaxScale}.");
            }

            if (!(Math.Abs(term.Weight) <= ParameterBounds.MaxAbsWeight))
            {
                throw new InvalidModelException($"Signal model {Version}: weight of '{features[i]}' must be between -{ParameterBounds.MaxAbsWeight} and {ParameterBounds.MaxAbsWeight}.");
            }

            if (!Engine.FeatureRanges.OfCanonical(CanonicalFeatures.IndexOf(features[i])).Contains(term.Center))
            {
                throw new InvalidModelException($"Signal model {Version}: center of '{features[i]}' must be inside the feature's range {Engine.FeatureRanges.OfCanonical(CanonicalFeatures.IndexOf(features[i]))}.");
            }

            _indexes[i] = CanonicalFeatures.IndexOf(features[i]);
            _weights[i] = overrides.RuleWeights.TryGetValue(features[i], out var weight) ? weight : term.Weight;
            _centers[i] = term.Center;
            _scales[i] = term.Scale;
        }
    }

    public string Version { get; }

    public string Kind => RuleBasedModelFile.Kind;

    public IReadOnlyList<string> Features { get; }

    public static RuleBasedSignalModel Load(ReadOnlySpan<byte> content, SignalFilterConfig overrides, string description = "artifact")
    {
        var parameters = RuleBasedModelFile.Read<SignalRuleParameters>(content, description);
        if (parameters.Kind != RuleBasedModelFile.Kind || parameters.Model != ModelNames.SignalFilter)
        {
            throw new InvalidModelException($"{description} is a {parameters.Kind} {parameters.Model} file, not a rule_based signal_filter.");
        }

        return new RuleBasedSignalModel(parameters, overrides);
    }

    public JsonObject Describe()
    {
        var terms = new JsonObject();
        for (var i = 0; i < Features.Count; i++)
        {
            terms[Features[i]] = new JsonObject { ["weight"] = _weights[i], ["center"] = _centers[i], ["scale"] = _scales[i] };
        }

        return new JsonObject { ["kind"] = Kind, ["version"] = Version, ["bias"] = _bias, ["terms"] = terms };
    }

    public double Predict(ReadOnlySpan<double> canonicalRow, Span<double> contributions)
    {
        contributions.Clear();
        var score = _bias;
        for (var i = 0; i < _indexes.Length; i++)
        {
            var index = _indexes[i];
            var term = _weights[i] * (canonicalRow[index] - _centers[i]) / _scales[i];
            if (!contributions.IsEmpty)
            {
                contributions[index] = term;
            }

            score += term;
        }

        return 1 / (1 + Math.Exp(-score));
    }

}
