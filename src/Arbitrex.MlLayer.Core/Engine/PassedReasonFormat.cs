using System.Globalization;
using Arbitrex.MlLayer.Core.Configuration;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>
/// The "All checks passed: …" reason of an allowed decision. Everything but the two measured numbers is
/// fixed by the config, so it is formatted once per snapshot rather than once per decision.
/// </summary>
internal sealed class PassedReasonFormat
{
    private readonly string[] _prefixByRegime;
    private readonly string _middle;
    private readonly string _suffix;

    public PassedReasonFormat(DecisionConfig decision)
    {
        _prefixByRegime = [.. Enum.GetValues<MarketRegime>().Order().Select(r => $"All checks passed: {r.Label()} regime confidence ")];
        _middle = string.Create(CultureInfo.InvariantCulture, $" > {decision.MinRegimeConfidence:0.000}, signal probability ");
        _suffix = string.Create(CultureInfo.InvariantCulture, $" > {decision.MinSignalProbability:0.000}");
    }

    public string Format(MarketRegime label, double regimeConfidence, double signalProbability) =>
        string.Create(CultureInfo.InvariantCulture, $"{_prefixByRegime[(int)label]}{regimeConfidence:0.000}{_middle}{signalProbability:0.000}{_suffix}");
}
