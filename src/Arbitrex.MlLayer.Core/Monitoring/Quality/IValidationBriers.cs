namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>The Brier score a signal filter version reached on its validation split, when it is known.</summary>
public interface IValidationBriers
{
    /// <summary>Null when the version is unknown or its metadata has no <c>brier_score</c>.</summary>
    double? ValidationBrierOf(string signalFilterVersion);
}
