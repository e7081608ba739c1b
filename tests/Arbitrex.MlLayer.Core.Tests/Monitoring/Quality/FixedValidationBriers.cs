using Arbitrex.MlLayer.Core.Monitoring.Quality;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Quality;

/// <summary>Validation Brier scores given by the test, as the registry metadata would give them.</summary>
internal sealed class FixedValidationBriers(IReadOnlyDictionary<string, double> briers) : IValidationBriers
{
    public double? ValidationBrierOf(string signalFilterVersion) =>
        briers.TryGetValue(signalFilterVersion, out var brier) ? brier : null;
}
